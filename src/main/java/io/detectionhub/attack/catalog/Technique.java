package io.detectionhub.attack.catalog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ATT&amp;CK technique or sub-technique as the app uses it.
 *
 * @param id            {@code T1059} or {@code T1059.004}
 * @param name          the technique's own name (for a sub-technique without the parent's prefix); may be null for an
 *                      id no source names
 * @param tactics       tactic short names, in matrix order
 * @param description   trimmed description (citations removed), may be empty
 * @param platforms     ATT&amp;CK platforms
 * @param dataComponents data sources / components ("Process: Process Creation"), as the catalogue source gives them
 * @param url           canonical ATT&amp;CK page
 * @param parentId      the parent technique id for a sub-technique, else null
 * @param tacticsSource where {@code tactics} come from (see {@link TacticsSource})
 * @param source        which source knows this id (see {@link TechniqueSource})
 */
public record Technique(
        String id,
        String name,
        List<String> tactics,
        String description,
        List<String> platforms,
        List<String> dataComponents,
        String url,
        String parentId,
        TacticsSource tacticsSource,
        TechniqueSource source) {

    private static final Pattern ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public Technique {
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        dataComponents = dataComponents == null ? List.of() : List.copyOf(dataComponents);
        description = description == null ? "" : description;
    }

    public boolean isSubTechnique() {
        return parentId != null;
    }

    /** True when the id is in the loaded ATT&amp;CK catalogue (not only named by the overlay or Atomic index). */
    public boolean inCatalogue() {
        return source == TechniqueSource.ATTACK;
    }

    /** The name, or the id when no source names it. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    public static boolean isTechniqueId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Upper-cases and trims {@code t1059.004} to {@code T1059.004}; returns the input trimmed otherwise. */
    public static String normalizeId(String id) {
        return id == null ? null : id.trim().toUpperCase(Locale.ROOT);
    }

    /** {@code T1059} for {@code T1059.004}, else null. */
    public static String parentIdOf(String id) {
        int dot = id.indexOf('.');
        return dot > 0 ? id.substring(0, dot) : null;
    }

    public static String urlFor(String id) {
        return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }

    /** A minimal entry for an id the catalogue does not hold: never reject an id found in a rule tag. */
    public static Technique minimal(String id, String name, List<String> tactics, TechniqueSource source) {
        String normalized = normalizeId(id);
        boolean valid = isTechniqueId(normalized);
        return new Technique(normalized, name, tactics, "", List.of(), List.of(),
                valid ? urlFor(normalized) : null, valid ? parentIdOf(normalized) : null,
                tactics == null || tactics.isEmpty() ? TacticsSource.NONE : TacticsSource.V19_OVERLAY, source);
    }
}
