package io.detectionhub.sigma.kql.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in targets, read once from their YAML resources ({@code io/detectionhub/sigma/kql/targets/*.yml}). */
public final class TargetRegistry {

    public static final String DEFAULT_TARGET = "sentinel-asim";
    public static final List<String> BUILT_IN_NAMES = List.of("sentinel-asim", "defender-xdr", "azure-monitor",
            "sentinel");
    private static final String RESOURCE_DIR = "/io/detectionhub/sigma/kql/targets/";

    private final Map<String, Target> targets;
    private final Map<String, String> definitions;

    private TargetRegistry(Map<String, Target> targets, Map<String, String> definitions) {
        this.targets = Collections.unmodifiableMap(targets);
        this.definitions = Collections.unmodifiableMap(definitions);
    }

    private static final class Holder {
        static final TargetRegistry BUILT_IN = load();
    }

    /** The built-in targets (loaded on first use, shared, immutable). */
    public static TargetRegistry builtIn() {
        return Holder.BUILT_IN;
    }

    private static TargetRegistry load() {
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> definitions = new LinkedHashMap<>();
        TargetDefinitionLoader loader = new TargetDefinitionLoader(name -> Optional.ofNullable(targets.get(name)), true);
        for (String name : BUILT_IN_NAMES) {
            String text = readResource(RESOURCE_DIR + name + ".yml");
            Target target = loader.load(text);
            if (!target.name().equals(name)) {
                throw new IllegalStateException("target resource " + name + ".yml names itself " + target.name());
            }
            targets.put(name, target);
            definitions.put(name, text);
        }
        return new TargetRegistry(targets, definitions);
    }

    private static String readResource(String path) {
        try (InputStream in = TargetRegistry.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing target resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    /** The YAML definition of a built-in target as shipped (for users to copy and change). */
    public Optional<String> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    public List<Target> all() {
        return List.copyOf(targets.values());
    }
}
