package io.detectionhub.library.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.detectionhub.library.revisions.LineDiff;
import io.detectionhub.library.revisions.RevisionDiff;

import java.util.List;

/**
 * A diff of two texts (a query before and after) with java-diff-utils, as the History tab shows YAML: unified (3 lines
 * of context) for the API, and side-by-side rows with the changed words marked for the page (the revision diff's rows, {@link LineDiff}, so the page renders both with one fragment). Plain text in, plain text out.
 *
 * @param from    the label of the old text ("revision 3")
 * @param to      the label of the new text ("current")
 * @param unified the unified diff, empty when the texts are the same
 * @param rows    the side-by-side view, empty when the texts are the same (not in the API: {@code unified} says it)
 */
public record TextDiff(String from, String to, String unified, @JsonIgnore List<RevisionDiff.Row> rows) {

    public TextDiff {
        rows = List.copyOf(rows);
    }

    /** The diff from {@code before} to {@code after}; a null text is no text (every line of the other is new). */
    public static TextDiff of(String from, String before, String to, String after) {
        List<String> a = LineDiff.lines(before);
        List<String> b = LineDiff.lines(after);
        String unified = LineDiff.unified(before == null ? "/dev/null" : from, after == null ? "/dev/null" : to, a, b);
        return new TextDiff(from, to, unified, unified.isEmpty() ? List.of() : LineDiff.rows(a, b));
    }

    @JsonIgnore
    public boolean unchanged() {
        return unified.isEmpty();
    }
}
