package io.detectionhub.library.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A diff of two texts (a query before and after) with java-diff-utils, as the History tab shows YAML: unified (3 lines
 * of context) for the API, and side-by-side rows with the changed words marked for the page (same row and segment
 * shapes as the revision diff, so the page renders both with one fragment). Plain text in, plain text out.
 *
 * @param from    the label of the old text ("revision 3")
 * @param to      the label of the new text ("current")
 * @param unified the unified diff, empty when the texts are the same
 * @param rows    the side-by-side view, empty when the texts are the same (not in the API: {@code unified} says it)
 */
public record TextDiff(String from, String to, String unified, @JsonIgnore List<Row> rows) {

    static final int CONTEXT = 3;
    private static final char START = '\u0001';
    private static final char END = '\u0002';

    public TextDiff {
        rows = List.copyOf(rows);
    }

    /** The diff from {@code before} to {@code after}; a null text is no text (every line of the other is new). */
    public static TextDiff of(String from, String before, String to, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return new TextDiff(from, to, "", List.of());
        }
        String unified = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : from,
                after == null ? "/dev/null" : to, a, patch, CONTEXT)) + "\n";
        return new TextDiff(from, to, unified, rows(a, b));
    }

    @JsonIgnore
    public boolean unchanged() {
        return unified.isEmpty();
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

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String clean = text.replace(START, ' ').replace(END, ' ');
        List<String> lines = new ArrayList<>(Arrays.asList(clean.split("\r?\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<Row> rows(List<String> a, List<String> b) {
        DiffRowGenerator generator = DiffRowGenerator.create()
                .showInlineDiffs(true)
                .inlineDiffByWord(true)
                .mergeOriginalRevised(false)
                .reportLinesUnchanged(true)
                .lineNormalizer(s -> s)
                .oldTag(open -> String.valueOf(open ? START : END))
                .newTag(open -> String.valueOf(open ? START : END))
                .build();
        List<DiffRow> diffRows = generator.generateDiffRows(a, b);
        boolean[] keep = new boolean[diffRows.size()];
        for (int i = 0; i < diffRows.size(); i++) {
            if (diffRows.get(i).getTag() != DiffRow.Tag.EQUAL) {
                for (int j = Math.max(0, i - CONTEXT); j <= Math.min(diffRows.size() - 1, i + CONTEXT); j++) {
                    keep[j] = true;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        int oldNumber = 0;
        int newNumber = 0;
        int skipped = 0;
        for (int i = 0; i < diffRows.size(); i++) {
            DiffRow row = diffRows.get(i);
            DiffRow.Tag tag = row.getTag();
            boolean hasOld = tag != DiffRow.Tag.INSERT;
            boolean hasNew = tag != DiffRow.Tag.DELETE;
            if (hasOld) {
                oldNumber++;
            }
            if (hasNew) {
                newNumber++;
            }
            if (!keep[i]) {
                skipped++;
                continue;
            }
            if (skipped > 0) {
                rows.add(new Row("skip", null, List.of(), null, List.of(), skipped));
                skipped = 0;
            }
            boolean whole = tag == DiffRow.Tag.INSERT || tag == DiffRow.Tag.DELETE;
            rows.add(new Row(tag.name().toLowerCase(Locale.ROOT), hasOld ? oldNumber : null,
                    hasOld ? segments(row.getOldLine(), whole) : List.of(), hasNew ? newNumber : null,
                    hasNew ? segments(row.getNewLine(), whole) : List.of(), 0));
        }
        if (skipped > 0) {
            rows.add(new Row("skip", null, List.of(), null, List.of(), skipped));
        }
        return rows;
    }

    /** The text split at the generator's marks; {@code whole}: the entire line is new or gone. */
    private static List<Segment> segments(String marked, boolean whole) {
        if (marked == null) {
            return List.of();
        }
        if (whole) {
            return List.of(new Segment(marked.replace(String.valueOf(START), "").replace(String.valueOf(END), ""),
                    true));
        }
        List<Segment> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == START || c == END) {
                if (!current.isEmpty()) {
                    segments.add(new Segment(current.toString(), changed));
                    current.setLength(0);
                }
                changed = c == START;
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            segments.add(new Segment(current.toString(), changed));
        }
        return segments;
    }
}
