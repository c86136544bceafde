package io.detectionhub.attack.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only lookups over one ATT&amp;CK catalogue: techniques by id, tactics in matrix order, the matrix, parents and
 * sub-techniques, search. Immutable and thread-safe; build once per loaded catalogue.
 */
public final class AttackCatalog {

    /** One column of the matrix: a tactic with its techniques (by name), each with its sub-techniques. */
    public record MatrixColumn(Tactic tactic, List<MatrixTechnique> techniques) {
    }

    public record MatrixTechnique(Technique technique, List<Technique> subTechniques) {
    }

    private final AttackCatalogueData data;
    private final Map<String, Technique> byId = new HashMap<>();
    private final Map<String, Tactic> tacticsByKey = new HashMap<>();
    private final Map<String, List<Technique>> children = new HashMap<>();
    private final List<MatrixColumn> matrix;
    private final Function<String, Technique> unknownIds;

    /**
     * @param unknownIds describes an id the catalogue does not hold (e.g. from the Atomic index); must not return
     *                   null. Use {@link #minimalEntry(String)} when no other source exists.
     */
    public AttackCatalog(AttackCatalogueData data, Function<String, Technique> unknownIds) {
        this.data = data;
        this.unknownIds = unknownIds;
        for (Technique t : data.techniques()) {
            byId.put(t.id(), t);
        }
        for (Technique t : data.techniques()) {
            if (t.parentId() != null) {
                children.computeIfAbsent(t.parentId(), k -> new ArrayList<>()).add(t);
            }
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(Technique::id)));
        for (Tactic t : data.tactics()) {
            tacticsByKey.put(t.shortName(), t);
            if (t.id() != null) {
                tacticsByKey.put(t.id().toLowerCase(Locale.ROOT), t);
            }
            tacticsByKey.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        if (!tacticsByKey.containsKey("defense-evasion") && tacticsByKey.containsKey("stealth")) {
            // v19 renamed TA0005: older tags (attack.defense_evasion) mean the same tactic
            tacticsByKey.put("defense-evasion", tacticsByKey.get("stealth"));
        }
        this.matrix = buildMatrix();
    }

    public AttackCatalog(AttackCatalogueData data) {
        this(data, AttackCatalog::minimalEntry);
    }

    public static Technique minimalEntry(String id) {
        return Technique.minimal(id, null, List.of(), TechniqueSource.UNKNOWN);
    }

    public AttackCatalogueData data() {
        return data;
    }

    public CatalogueProvenance provenance() {
        return data.provenance();
    }

    public String attackVersion() {
        return data.attackVersion();
    }

    public int size() {
        return byId.size();
    }

    public Optional<Technique> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(Technique.normalizeId(id)));
    }

    /** The technique, or a minimal entry (id and any name another source has) for an id the catalogue lacks. */
    public Technique technique(String id) {
        String normalized = Technique.normalizeId(id);
        Technique known = byId.get(normalized);
        return known != null ? known : unknownIds.apply(normalized);
    }

    /** "Command and Scripting Interpreter: Unix Shell" for a sub-technique, else the name. */
    public String fullName(String id) {
        Technique t = technique(id);
        if (t.parentId() == null || t.name() == null) {
            return t.displayName();
        }
        Technique parent = technique(t.parentId());
        return parent.name() == null ? t.displayName() : parent.name() + ": " + t.name();
    }

    public List<Tactic> tactics() {
        return data.tactics();
    }

    /** By short name ({@code execution}, {@code defense_evasion}), id ({@code TA0002}) or name. */
    public Optional<Tactic> tactic(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        if (k.startsWith("attack.")) {
            k = k.substring("attack.".length());
        }
        Tactic t = tacticsByKey.get(k);
        return Optional.ofNullable(t != null ? t : tacticsByKey.get(k.replace('_', '-')));
    }

    public List<Technique> subTechniques(String parentId) {
        return children.getOrDefault(Technique.normalizeId(parentId), List.of());
    }

    public Optional<Technique> parent(String id) {
        String parentId = Technique.parentIdOf(Technique.normalizeId(id));
        return parentId == null ? Optional.empty() : Optional.of(technique(parentId));
    }

    /** Top-level techniques of a tactic, by name. */
    public List<Technique> techniquesForTactic(String tactic) {
        return tactic(tactic).map(t -> matrix.stream().filter(c -> c.tactic().equals(t)).findFirst()
                        .map(c -> c.techniques().stream().map(MatrixTechnique::technique).toList()).orElse(List.of()))
                .orElse(List.of());
    }

    public List<MatrixColumn> matrix() {
        return matrix;
    }

    /** Ids first (exact, then prefix), then names starting with, then containing the query; case-insensitive. */
    public List<Technique> search(String query, int limit) {
        if (query == null || query.isBlank() || limit <= 0) {
            return List.of();
        }
        String q = query.trim().toLowerCase(Locale.ROOT);
        Map<Technique, Integer> ranked = new LinkedHashMap<>();
        for (Technique t : data.techniques()) {
            String id = t.id().toLowerCase(Locale.ROOT);
            String name = t.name() == null ? "" : t.name().toLowerCase(Locale.ROOT);
            String full = fullName(t.id()).toLowerCase(Locale.ROOT);
            int rank = id.equals(q) ? 0 : id.startsWith(q) ? 1 : name.startsWith(q) ? 2
                    : full.contains(q) ? 3 : -1;
            if (rank >= 0) {
                ranked.put(t, rank);
            }
        }
        return ranked.entrySet().stream()
                .sorted(Map.Entry.<Technique, Integer>comparingByValue()
                        .thenComparing(e -> e.getKey().id()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private List<MatrixColumn> buildMatrix() {
        List<MatrixColumn> columns = new ArrayList<>();
        for (Tactic tactic : data.tactics()) {
            List<MatrixTechnique> techniques = data.techniques().stream()
                    .filter(t -> !t.isSubTechnique() && t.tactics().contains(tactic.shortName()))
                    .sorted(Comparator.comparing(Technique::displayName, String.CASE_INSENSITIVE_ORDER))
                    .map(t -> new MatrixTechnique(t, subTechniques(t.id())))
                    .toList();
            columns.add(new MatrixColumn(tactic, techniques));
        }
        return List.copyOf(columns);
    }
}
