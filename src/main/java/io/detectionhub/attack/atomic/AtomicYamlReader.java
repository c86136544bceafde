package io.detectionhub.attack.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.detectionhub.attack.catalog.Technique;

/** Reads one Atomic Red Team technique file ({@code atomics/T1059.004/T1059.004.yaml}) safely. */
public final class AtomicYamlReader {

    private static final int MAX_FILE_CHARS = 2 * 1024 * 1024;

    public AtomicTechnique read(String yamlText, String expectedTechniqueId) {
        if (yamlText.length() > MAX_FILE_CHARS) {
            throw new AtomicFormatException(expectedTechniqueId + ": file larger than " + MAX_FILE_CHARS + " characters");
        }
        Object doc;
        try {
            doc = yaml().load(yamlText);
        } catch (YAMLException e) {
            throw new AtomicFormatException(expectedTechniqueId + ": invalid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new AtomicFormatException(expectedTechniqueId + ": not an Atomic technique file");
        }
        String id = Technique.normalizeId(string(root.get("attack_technique")));
        if (id == null || !Technique.isTechniqueId(id)) {
            throw new AtomicFormatException(expectedTechniqueId + ": missing or bad attack_technique");
        }
        if (expectedTechniqueId != null && !id.equals(expectedTechniqueId)) {
            throw new AtomicFormatException(expectedTechniqueId + ": file names technique " + id);
        }
        List<AtomicTest> tests = new ArrayList<>();
        if (root.get("atomic_tests") instanceof List<?> list) {
            int number = 0;
            for (Object item : list) {
                number++;
                if (item instanceof Map<?, ?> test) {
                    tests.add(test(number, test));
                }
            }
        }
        return new AtomicTechnique(id, string(root.get("display_name")), List.of(), tests);
    }

    private static AtomicTest test(int number, Map<?, ?> test) {
        List<String> platforms = new ArrayList<>();
        if (test.get("supported_platforms") instanceof List<?> ps) {
            ps.forEach(p -> platforms.add(String.valueOf(p).trim().toLowerCase(Locale.ROOT)));
        }
        List<InputArgument> args = new ArrayList<>();
        if (test.get("input_arguments") instanceof Map<?, ?> in) {
            for (Map.Entry<?, ?> e : in.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> arg) {
                    args.add(new InputArgument(String.valueOf(e.getKey()), string(arg.get("description")),
                            string(arg.get("type")), scalar(arg.get("default"))));
                }
            }
        }
        AtomicExecutor executor = null;
        if (test.get("executor") instanceof Map<?, ?> ex) {
            String name = string(ex.get("name"));
            executor = new AtomicExecutor(name == null ? null : name.trim().toLowerCase(Locale.ROOT),
                    string(ex.get("command")), string(ex.get("cleanup_command")), string(ex.get("steps")),
                    Boolean.TRUE.equals(ex.get("elevation_required")));
        }
        String guid = string(test.get("auto_generated_guid"));
        return new AtomicTest(number, guid == null ? null : guid.trim(), string(test.get("name")),
                string(test.get("description")), platforms, args, executor);
    }

    private static String string(Object o) {
        return o == null ? null : o instanceof String s ? s : String.valueOf(o);
    }

    /** Defaults may be numbers or booleans in YAML; the test runner substitutes their text. */
    private static String scalar(Object o) {
        if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
            return o == null ? null : String.valueOf(o);
        }
        return String.valueOf(o);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(30);
        options.setCodePointLimit(MAX_FILE_CHARS);
        options.setAllowDuplicateKeys(true);
        return new Yaml(new SafeConstructor(options));
    }
}
