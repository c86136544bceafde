package io.detectionhub.library.revisions;

import java.util.List;

/**
 * What changed from revision {@code from} to revision {@code to} of a rule (0 stands for "nothing", before the
 * first revision): the YAML as a unified diff and as side-by-side rows, and the enrichment field by field.
 */
public record RevisionDiff(String ruleId, int from, int to, String unified, List<Row> rows,
                           List<FieldChange> enrichment) {

    /** Whether the two revisions hold the same YAML and enrichment. */
    public boolean unchanged() {
        return unified.isEmpty() && enrichment.isEmpty();
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
