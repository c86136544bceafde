package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Contains probes that are all at least {@code m} characters long, found by the Wu-Manber multi-pattern search:
 * a window of {@code m} characters slides over the value, and the pair of characters at its end says how far it
 * can move without passing over a probe (the distance from that pair's last place among the probes' first
 * {@code m} characters to their end). Only where a pair ends some probe's first {@code m} characters are the probes
 * of that pair compared in full. Over everyday text most pairs occur in no probe, so the search looks at about one
 * character in {@code m - 1} (route keyword probes such as Mimikatz commands, 8 to 20 characters long).
 */
final class SkipSearch implements ContainsSearch {

    private static final int PAIRS = 1 << 12;

    private final int m;
    /** By hashed character pair: how far the window may move when its last two characters are that pair. */
    private final byte[] shift = new byte[PAIRS];
    /** By hashed character pair: the probes whose first m characters end with that pair. */
    private final int[][] endingWith = new int[PAIRS][];
    private final String[] texts;
    private final int[][] ids;
    /** True when every probe is ASCII: {@link #scanFoldingCase} may then search text that is not lower-cased. */
    private final boolean ascii;

    SkipSearch(String[] texts, int[][] ids, int shortest) {
        this.texts = texts;
        this.ids = ids;
        this.m = Math.min(shortest, Byte.MAX_VALUE);
        this.ascii = java.util.Arrays.stream(texts).allMatch(t -> t.chars().allMatch(c -> c < 128));
        java.util.Arrays.fill(shift, (byte) (m - 1));
        List<List<Integer>> ending = new ArrayList<>(PAIRS);
        for (int i = 0; i < PAIRS; i++) {
            ending.add(null);
        }
        for (int p = 0; p < texts.length; p++) {
            String text = texts[p];
            for (int end = 1; end < m; end++) {
                int pair = pair(text.charAt(end - 1), text.charAt(end));
                shift[pair] = (byte) Math.min(shift[pair], m - 1 - end);
            }
            int pair = pair(text.charAt(m - 2), text.charAt(m - 1));
            if (ending.get(pair) == null) {
                ending.set(pair, new ArrayList<>(2));
            }
            ending.get(pair).add(p);
        }
        for (int i = 0; i < PAIRS; i++) {
            if (ending.get(i) != null) {
                endingWith[i] = ending.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    private static int pair(char first, char second) {
        return (first * 31 + second) & (PAIRS - 1);
    }

    @Override
    public void scan(String value, ProbeHits hits) {
        search(value, hits, false);
    }

    /** True when {@link #scanFoldingCase} may be used. */
    boolean foldsCase() {
        return ascii;
    }

    /**
     * The same search over text that is not lower-cased, folding ASCII letters as it reads: exact for ASCII probes
     * on a text without U+0130 and U+212A, the only characters that lower-case to ASCII letters (every other
     * non-ASCII character lower-cases to non-ASCII, which no ASCII probe holds). Saves lower-casing the values that
     * only keyword probes read (times, GUIDs, hashes).
     */
    void scanFoldingCase(String text, ProbeHits hits) {
        search(text, hits, true);
    }

    private void search(String text, ProbeHits hits, boolean foldCase) {
        int n = text.length();
        int end = m - 1;
        while (end < n) {
            char before = text.charAt(end - 1);
            char last = text.charAt(end);
            int pair = foldCase ? pair(fold(before), fold(last)) : pair(before, last);
            int s = shift[pair];
            if (s > 0) {
                end += s;
                continue;
            }
            int start = end - m + 1;
            for (int p : endingWith[pair]) {
                if (foldCase ? foldedStartsWith(text, texts[p], start) : text.startsWith(texts[p], start)) {
                    for (int id : ids[p]) {
                        hits.found(id);
                    }
                }
            }
            end++;
        }
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean foldedStartsWith(String text, String probe, int start) {
        if (start + probe.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < probe.length(); i++) {
            if (fold(text.charAt(start + i)) != probe.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean costly() {
        return false;
    }
}
