package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.sigma.kql.target.TargetDefinitionLoader;
import io.detectionhub.sigma.kql.target.TargetRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user-defined targets of one revision of the version table, loaded through the kql
 * {@link TargetDefinitionLoader} (so they obey exactly the rules of the built-ins). A user target may extend a
 * built-in or another user target; bases are loaded first, a loop of bases is a problem of every target in it.
 * Immutable once built; targets are loaded on first use and kept.
 */
final class UserTargetSnapshot {

    /** Longest chain of user targets extending each other; deeper chains are refused (and stop runaway recursion). */
    static final int MAX_BASE_DEPTH = 16;

    private final long revision;
    private final TargetRegistry builtIns;
    private final Map<String, TargetVersion> versions;
    private final Map<String, Target> loaded = new HashMap<>();
    private final Map<String, List<String>> problems = new HashMap<>();

    UserTargetSnapshot(long revision, TargetRegistry builtIns, List<TargetVersion> current) {
        this.revision = revision;
        this.builtIns = builtIns;
        Map<String, TargetVersion> byName = new LinkedHashMap<>();
        current.forEach(v -> byName.put(v.name(), v));
        this.versions = Collections.unmodifiableMap(byName);
    }

    long revision() {
        return revision;
    }

    /** The current stored versions, by name (in name order). */
    Map<String, TargetVersion> versions() {
        return versions;
    }

    /** The same snapshot with one definition added or replaced (for validating a change before it is saved). */
    UserTargetSnapshot with(TargetVersion candidate) {
        Map<String, TargetVersion> changed = new LinkedHashMap<>(versions);
        changed.put(candidate.name(), candidate);
        return new UserTargetSnapshot(revision, builtIns, new ArrayList<>(changed.values()));
    }

    /** The same snapshot without one target (for checking what a deletion would break). */
    UserTargetSnapshot without(String name) {
        Map<String, TargetVersion> changed = new LinkedHashMap<>(versions);
        changed.remove(name);
        return new UserTargetSnapshot(revision, builtIns, new ArrayList<>(changed.values()));
    }

    /** The loaded target, or the problems that stop it from loading; empty when there is no such user target. */
    synchronized Optional<Result> find(String name) {
        if (!versions.containsKey(name)) {
            return Optional.empty();
        }
        load(name, new ArrayList<>());
        Target target = loaded.get(name);
        return Optional.of(target != null ? new Result(target, List.of()) : new Result(null, problems.get(name)));
    }

    /** User targets that extend {@code name}, directly or through others (by the stored base names). */
    List<String> dependentsOf(String name) {
        List<String> result = new ArrayList<>();
        for (TargetVersion v : versions.values()) {
            String base = v.baseName();
            for (int depth = 0; base != null && depth <= MAX_BASE_DEPTH && !v.name().equals(base); depth++) {
                if (base.equals(name)) {
                    result.add(v.name());
                    break;
                }
                TargetVersion next = versions.get(base);
                base = next == null ? null : next.baseName();
            }
        }
        return result;
    }

    private Target load(String name, List<String> chain) {
        if (loaded.containsKey(name)) {
            return loaded.get(name);
        }
        if (problems.containsKey(name)) {
            return null;
        }
        if (chain.contains(name)) {
            List<String> loop = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            loop.add(name);
            problems.put(name, List.of("base: the bases form a loop: " + String.join(" -> ", loop)));
            return null;
        }
        if (chain.size() >= MAX_BASE_DEPTH) {
            problems.put(name, List.of("base: more than " + MAX_BASE_DEPTH + " targets extend each other"));
            return null;
        }
        TargetVersion version = versions.get(name);
        if (builtIns.find(name).isPresent() || Target.CUSTOM.equals(name)) {
            problems.put(name, List.of("name: '" + name + "' is the name of a built-in target"));
            return null;
        }
        chain.add(name);
        List<String> baseProblems = new ArrayList<>();
        TargetDefinitionLoader loader = new TargetDefinitionLoader(base -> {
            Optional<Target> builtIn = builtIns.find(base);
            if (builtIn.isPresent() || !versions.containsKey(base)) {
                return builtIn;
            }
            Target t = load(base, chain);
            if (t == null) {
                problems.getOrDefault(base, List.of()).forEach(p -> baseProblems.add(
                        p.startsWith("base: the bases form a loop") ? p : "base '" + base + "' does not load: " + p));
            }
            return Optional.ofNullable(t);
        });
        try {
            Target target = loader.load(version.definition());
            if (!target.name().equals(name)) {
                throw new TargetDefinitionException(List.of("name: the definition is named '" + target.name()
                        + "', stored as '" + name + "'"));
            }
            loaded.put(name, target);
            return target;
        } catch (TargetDefinitionException e) {
            List<String> all = new ArrayList<>(baseProblems);
            // the loader's own "no target named" is replaced by the reason the base did not load
            e.problems().stream().filter(p -> baseProblems.isEmpty() || !p.startsWith("base: no target named"))
                    .forEach(all::add);
            problems.putIfAbsent(name, List.copyOf(all));
            return null;
        } finally {
            chain.remove(chain.size() - 1);
        }
    }

    /** A user target that loaded, or the problems that stopped it. */
    record Result(Target target, List<String> problems) {
        boolean ok() {
            return target != null;
        }
    }
}
