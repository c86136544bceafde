package io.detectionhub.sigma.kql.target;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the generated {@code columns:} section of each built-in target definition from the Kusto schemas in
 * {@code ../shared/data/kusto-schemas} (only the tables the target uses, every column with its type). Re-run after
 * changing which tables a target uses:
 * <pre>mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.detectionhub.sigma.kql.target.BuiltInTargetColumnsGenerator</pre>
 * {@code BuiltInTargetColumnsTest} fails when a resource is out of date.
 */
public final class BuiltInTargetColumnsGenerator {

    static final String MARKER = "# BEGIN GENERATED COLUMNS";
    static final Path RESOURCES = Path.of("src/main/resources/io/detectionhub/sigma/kql/targets");

    private BuiltInTargetColumnsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(args.length > 0 ? args[0] : System.getProperty("detectionhub.shared-dir", "../shared"));
        for (String name : TargetRegistry.BUILT_IN_NAMES) {
            Path file = RESOURCES.resolve(name + ".yml");
            String text = Files.readString(file);
            if (!hasGeneratedColumns(text)) {
                continue;
            }
            String updated = generate(text, schema(shared, name));
            if (!updated.equals(text)) {
                Files.writeString(file, updated);
                System.out.println("updated " + file);
            }
        }
    }

    /** False for a target made of its bases' tables only (such as sentinel): it declares no columns of its own. */
    static boolean hasGeneratedColumns(String definition) {
        return definition.contains(MARKER);
    }

    static Map<String, Map<String, Object>> schema(Path shared, String target) throws IOException {
        String json = Files.readString(shared.resolve("data/kusto-schemas/" + target + ".json"), StandardCharsets.UTF_8);
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20_000_000);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> schema = new Yaml(new SafeConstructor(options)).load(json);
        return schema;
    }

    /** The definition text with its generated section replaced by the columns of the tables it uses. */
    static String generate(String definition, Map<String, Map<String, Object>> schema) {
        int marker = definition.indexOf(MARKER);
        if (marker < 0) {
            throw new IllegalArgumentException("no '" + MARKER + "' line in the definition");
        }
        int lineEnd = definition.indexOf('\n', marker);
        String head = definition.substring(0, lineEnd < 0 ? definition.length() : lineEnd + 1);
        Map<?, ?> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(head);
        Set<String> tables = new LinkedHashSet<>();
        if (parsed.get("tables") instanceof Map<?, ?> t) {
            t.keySet().forEach(k -> tables.add(String.valueOf(k)));
        }
        if (parsed.get("logsources") instanceof List<?> rules) {
            for (Object rule : rules) {
                tables.add(String.valueOf(((Map<?, ?>) rule).get("table")));
            }
        }
        StringBuilder sb = new StringBuilder(head);
        sb.append("columns:\n");
        for (String table : tables) {
            Map<String, Object> columns = schema.get(table);
            if (columns == null) {
                throw new IllegalArgumentException("table " + table + " is not in the schema");
            }
            sb.append("  ").append(key(table)).append(":\n");
            columns.forEach((column, type) -> sb.append("    ").append(key(column)).append(": ").append(type).append('\n'));
        }
        return sb.toString();
    }

    private static String key(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? name : "'" + name.replace("'", "''") + "'";
    }
}
