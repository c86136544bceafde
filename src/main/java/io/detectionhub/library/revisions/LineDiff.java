package io.detectionhub.library.revisions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The side-by-side view of a line diff (java-diff-utils), with the changed words of a changed line marked and runs of
 * unchanged lines beyond {@link #CONTEXT} folded: one view for every diff the pages show (revisions' YAML and parts,
 * the review's KQL per target).
 */
public final class LineDiff {

    /** Unchanged lines shown around a change (as in a unified diff). */
    public static final int CONTEXT = 3;

    private static final char START = '\u0001';
    private static final char END = '\u0002';

    private LineDiff() {
    }

    /** The unified diff of {@code a} to {@code b} under the two labels, with {@link #CONTEXT}; empty when equal. */
    public static String unified(String fromLabel, String toLabel, List<String> a, List<String> b) {
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, patch, CONTEXT)) + "\n";
    }

    /** The text's lines (none for null or empty), without a last empty line; the mark characters blanked. */
    public static List<String> lines(String text) {
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

    /** Side-by-side rows of the diff of {@code a} to {@code b}, changed words marked, unchanged runs folded. */
    public static List<RevisionDiff.Row> rows(List<String> a, List<String> b) {
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
        List<RevisionDiff.Row> rows = new ArrayList<>();
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
                rows.add(new RevisionDiff.Row("skip", null, List.of(), null, List.of(), skipped));
                skipped = 0;
            }
            boolean whole = tag == DiffRow.Tag.INSERT || tag == DiffRow.Tag.DELETE;
            rows.add(new RevisionDiff.Row(tag.name().toLowerCase(java.util.Locale.ROOT),
                    hasOld ? oldNumber : null, hasOld ? segments(row.getOldLine(), whole) : List.of(),
                    hasNew ? newNumber : null, hasNew ? segments(row.getNewLine(), whole) : List.of(), 0));
        }
        if (skipped > 0) {
            rows.add(new RevisionDiff.Row("skip", null, List.of(), null, List.of(), skipped));
        }
        return rows;
    }

    /** The text split at the generator's marks; {@code whole}: the entire line is new or gone. */
    private static List<RevisionDiff.Segment> segments(String marked, boolean whole) {
        if (marked == null) {
            return List.of();
        }
        if (whole) {
            String text = marked.replace(String.valueOf(START), "").replace(String.valueOf(END), "");
            return List.of(new RevisionDiff.Segment(text, true));
        }
        List<RevisionDiff.Segment> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean changed = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == START || c == END) {
                if (!current.isEmpty()) {
                    segments.add(new RevisionDiff.Segment(current.toString(), changed));
                    current.setLength(0);
                }
                changed = c == START;
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            segments.add(new RevisionDiff.Segment(current.toString(), changed));
        }
        return segments;
    }
}
