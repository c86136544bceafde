package io.detectionhub.sigma.evaluation.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contains probes of one field, found in a single pass over a value. A probe of four or more characters is
 * filed under one 4-character window of its text (the window fewest probes share) and checked in full where that
 * window occurs; shorter probes are their own window. At each position of the value the last one to four characters,
 * packed into a long, are looked up in a bitmap that rules out most positions and then in an open-addressing table.
 * <p>
 * org.ahocorasick's trie was used first: building an emit object and collection per hit took about 80% of the
 * evaluation time in a JFR profile of the corpus benchmark; a flat-array Aho-Corasick automaton over all literals
 * of all fields still spent three quarters of its time in cache misses. Tables per field stay small.
 */
final class WindowTable {

    static final int LONGEST = 4;
    /** Up to this many probes, a field's values are searched probe by probe. */
    static final int FEW = 8;

    private final Table[] tables;
    /**
     * The last two characters (low bytes) of every window of two or more characters: one bit test in an 8 KB
     * bitmap, which stays in the first-level cache, rules out most positions of most values before any hashing.
     */
    private final long[] bigrams;
    /** A field with only a few contains probes: each is looked for with String.indexOf (vectorised) instead. */
    private final String[] fewTexts;
    private final int[][] fewIds;

    private WindowTable(String[] fewTexts, int[][] fewIds) {
        this.tables = null;
        this.bigrams = null;
        this.fewTexts = fewTexts;
        this.fewIds = fewIds;
    }

    private WindowTable(Table[] tables, List<Long> longWindows) {
        this.tables = tables;
        this.fewTexts = null;
        this.fewIds = null;
        this.bigrams = new long[1 << 10];
        for (long window : longWindows) {
            int bigram = (int) (((window >>> 16) & 0xFF) << 8 | (window & 0xFF));
            bigrams[bigram >>> 6] |= 1L << bigram;
        }
    }

    void scan(String value, ProbeHits hits) {
        if (fewTexts != null) {
            for (int i = 0; i < fewTexts.length; i++) {
                if (value.contains(fewTexts[i])) {
                    for (int id : fewIds[i]) {
                        hits.probe(id);
                    }
                }
            }
            return;
        }
        Table one = tables[0];
        Table two = tables[1];
        Table three = tables[2];
        Table four = tables[3];
        long[] bigrams = this.bigrams;
        long k = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            k = (k << 16) | value.charAt(i);
            if (one != null) {
                one.probe(k & 0xFFFFL, value, i, hits);
            }
            int bigram = (int) (((k >>> 16) & 0xFF) << 8 | (k & 0xFF));
            if (i == 0 || (bigrams[bigram >>> 6] & (1L << bigram)) == 0) {
                continue;
            }
            if (four != null && i >= 3) {
                four.probe(k, value, i, hits);
            }
            if (three != null && i >= 2) {
                three.probe(k & 0xFFFF_FFFF_FFFFL, value, i, hits);
            }
            if (two != null) {
                two.probe(k & 0xFFFF_FFFFL, value, i, hits);
            }
        }
    }

    private static long window(String s, int from, int length) {
        long k = 0;
        for (int i = from; i < from + length; i++) {
            k = (k << 16) | s.charAt(i);
        }
        return k;
    }

    /** Probes of one window length: the window's key, then for each probe its text and the window's offset in it. */
    private static final class Table {
        private final int length;
        private final long[] keys;
        private final int[][] idsBySlot;
        private final int[][] offsetsBySlot;
        private final String[][] textsBySlot;
        private final int mask;
        private final long[] filter;
        private final int filterShift;

        Table(int length, Map<Long, List<Entry>> byWindow) {
            this.length = length;
            int size = Integer.highestOneBit(Math.max(8, byWindow.size() * 2) - 1) << 1;
            keys = new long[size];
            idsBySlot = new int[size][];
            offsetsBySlot = new int[size][];
            textsBySlot = new String[size][];
            mask = size - 1;
            int filterBits = Math.min(1 << 20, Integer.highestOneBit(Math.max(64, byWindow.size() * 8) - 1) << 1);
            filter = new long[filterBits >>> 6];
            filterShift = 64 - Integer.numberOfTrailingZeros(filterBits);
            byWindow.forEach((k, entries) -> {
                int s = slot(k);
                while (idsBySlot[s] != null) {
                    s = (s + 1) & mask;
                }
                keys[s] = k;
                idsBySlot[s] = entries.stream().mapToInt(Entry::id).toArray();
                offsetsBySlot[s] = entries.stream().mapToInt(Entry::offset).toArray();
                textsBySlot[s] = entries.stream().map(Entry::text).toArray(String[]::new);
                int bit = filterBit(k);
                filter[bit >>> 6] |= 1L << bit;
            });
        }

        private int slot(long k) {
            return (int) ((k * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }

        private int filterBit(long k) {
            return (int) ((k * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
        }

        /** Window {@code k} ends at {@code end} in {@code value}. */
        void probe(long k, String value, int end, ProbeHits hits) {
            int bit = filterBit(k);
            if ((filter[bit >>> 6] & (1L << bit)) == 0) {
                return;
            }
            int s = slot(k);
            int[] ids;
            while ((ids = idsBySlot[s]) != null) {
                if (keys[s] == k) {
                    int[] offsets = offsetsBySlot[s];
                    String[] texts = textsBySlot[s];
                    int windowStart = end - length + 1;
                    for (int j = 0; j < ids.length; j++) {
                        int id = ids[j];
                        if (hits.holds(id)) {
                            continue;
                        }
                        String text = texts[j];
                        if (text.length() == length
                                || value.regionMatches(windowStart - offsets[j], text, 0, text.length())) {
                            hits.probe(id);
                        }
                    }
                    return;
                }
                s = (s + 1) & mask;
            }
        }
    }

    private record Entry(int id, String text, int offset) {
    }

    /** Characters that fill everyday paths, command lines and words: windows made of them occur everywhere. */
    private static final String VERY_COMMON = " eaoitnsrlc\\.-/:0123456789";
    private static final String COMMON = "mdphuwxgfbyv_\"'=,()";

    /**
     * How often a window of a probe is likely to occur in event text (higher: more often), from the characters it
     * is made of: the window a probe is filed under is checked at every occurrence, so the rarest one is chosen.
     */
    static double commonness(String text, int from) {
        double score = 0;
        for (int i = from; i < from + LONGEST; i++) {
            char c = text.charAt(i);
            score += VERY_COMMON.indexOf(c) >= 0 ? 3 : COMMON.indexOf(c) >= 0 ? 2 : c < 0x80 ? 1 : 0.5;
        }
        return score;
    }

    static final class Builder {
        private final Map<String, List<Integer>> probes = new HashMap<>();

        void add(String text, int id) {
            probes.computeIfAbsent(text, k -> new ArrayList<>(1)).add(id);
        }

        boolean isEmpty() {
            return probes.isEmpty();
        }

        WindowTable build() {
            if (probes.size() <= FEW) {
                return new WindowTable(probes.keySet().toArray(String[]::new), probes.values().stream()
                        .map(ids -> ids.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
            }
            Map<Long, Integer> sharing = new HashMap<>();
            for (String text : probes.keySet()) {
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i + LONGEST <= text.length(); i++) {
                    if (seen.add(window(text, i, LONGEST))) {
                        sharing.merge(window(text, i, LONGEST), 1, Integer::sum);
                    }
                }
            }
            List<Map<Long, List<Entry>>> byLength = new ArrayList<>();
            for (int l = 0; l < LONGEST; l++) {
                byLength.add(new HashMap<>());
            }
            probes.forEach((text, ids) -> {
                int length = Math.min(LONGEST, text.length());
                int offset = 0;
                if (length == LONGEST) {
                    double best = Double.MAX_VALUE;
                    for (int i = 0; i + LONGEST <= text.length(); i++) {
                        double score = commonness(text, i) * 1000 + sharing.get(window(text, i, LONGEST));
                        if (score < best) {
                            best = score;
                            offset = i;
                        }
                    }
                }
                long k = window(text, offset, length);
                for (int id : ids) {
                    byLength.get(length - 1).computeIfAbsent(k, x -> new ArrayList<>()).add(new Entry(id, text,
                            offset));
                }
            });
            Table[] tables = new Table[LONGEST];
            List<Long> longWindows = new ArrayList<>();
            for (int l = 0; l < LONGEST; l++) {
                if (!byLength.get(l).isEmpty()) {
                    tables[l] = new Table(l + 1, byLength.get(l));
                    if (l > 0) {
                        longWindows.addAll(byLength.get(l).keySet());
                    }
                }
            }
            return new WindowTable(tables, longWindows);
        }
    }
}
