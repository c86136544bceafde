package io.detectionhub.library.revisions;

import java.util.List;

/**
 * What changed from revision {@code from} to revision {@code to} of a rule (0 stands for "nothing", before the
 * first revision): the YAML as a unified diff and as side-by-side rows, the enrichment field by field, and each
 * {@link RevisionPart} that changed ({@code parts}, by part name).
 */
public record RevisionDiff(String ruleId, int from, int to, String unified, List<Row> rows,
                           List<FieldChange> enrichment, List<PartDiff> parts) {

    public RevisionDiff {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** A diff of the YAML and enrichment only (no part changed). */
    public RevisionDiff(String ruleId, int from, int to, String unified, List<Row> rows,
                        List<FieldChange> enrichment) {
        this(ruleId, from, to, unified, rows, enrichment, List.of());
    }

    /** Whether the two revisions hold the same YAML, enrichment and parts. */
    public boolean unchanged() {
        return unified.isEmpty() && enrichment.isEmpty() && parts.isEmpty();
    }

    /**
     * A changed part (exceptions, tests): the unified diff and side-by-side rows of its pretty JSON, and, when the
     * part is a list of objects with an {@code id}, what happened to each item field by field.
     */
    public record PartDiff(String part, String unified, List<Row> rows, List<ItemChange> items) {
    }

    /**
     * An item of a part that was {@code added}, {@code removed} or {@code changed}: its id, its title (or name) and
     * its fields that differ (all of its fields when added or removed).
     */
    public record ItemChange(String id, String title, String kind, List<FieldChange> fields) {
    }

    /** A changed enrichment field: its JSON name and its value before and after (JSON text, or the plain string). */
    public record FieldChange(String field, String from, String to) {
    }

    /**
     * One row of the side-by-side view. {@code kind}: {@code equal}, {@code change}, {@code insert}, {@code delete},
     * or {@code skip} (a run of {@code skipped} unchanged lines left out).
     */
    public record Row(String kind, Integer oldNumber, List<Segment> oldText, Integer newNumber, List<Segment> newText,
                      int skipped) {
    }

    /** A piece of a line's text; {@code changed} pieces are highlighted. */
    public record Segment(String text, boolean changed) {
    }
}
