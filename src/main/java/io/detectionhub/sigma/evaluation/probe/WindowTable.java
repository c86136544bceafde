package io.detectionhub.sigma.evaluation.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contains probes of one field, found in a single pass over a value.
 * <p>
 * A field with only a few probes is searched probe by probe with {@code String.contains} (vectorised). Otherwise a
 * probe of eight or more characters is filed under one 8-character window of its text (the low bytes of the
 * characters packed into a long), a probe of four to seven characters under a 4-character window (whole characters),
 * and shorter probes are their own window; each long probe is checked in full where its window occurs. The window
 * chosen is the one least likely to occur in event text (made of rarer characters, shared by fewer probes): every
 * occurrence of a window costs a check. At each position of the value an 8 KB bitmap of the windows' last two
 * characters rules out most positions before any table is looked at.
 * <p>
 * org.ahocorasick's trie was used first: building an emit object and collection per hit took about 80% of the
 * evaluation time in a JFR profile of the corpus benchmark; a flat-array Aho-Corasick automaton over all literals
 * of all fields still spent three quarters of its time in cache misses.
 */
final class WindowTable {

    /** Up to this many probes, a field's values are searched probe by probe. */
    static final int FEW = 8;
    private static final int WIDE = 8;
    private static final int NARROW = 4;

    /** Index 0..3: windows of 1..4 whole characters; index 4: 8-character windows of low bytes. */
    private final Table[] tables;
    private final long[] bigrams;
    private final String[] fewTexts;
    private final int[][] fewIds;

    private WindowTable(String[] fewTexts, int[][] fewIds) {
        this.tables = null;
        this.bigrams = null;
        this.fewTexts = fewTexts;
        this.fewIds = fewIds;
    }

    private WindowTable(Table[] tables, long[] bigrams) {
        this.tables = tables;
        this.bigrams = bigrams;
        this.fewTexts = null;
        this.fewIds = null;
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
        Table eight = tables[4];
        long[] bigrams = this.bigrams;
        long k = 0;
        long bytes = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            k = (k << 16) | c;
            bytes = (bytes << 8) | (c & 0xFF);
            if (one != null) {
                one.probe(k & 0xFFFFL, value, i, hits);
            }
            int bigram = (int) (bytes & 0xFFFF);
            if (i == 0 || (bigrams[bigram >>> 6] & (1L << bigram)) == 0) {
                continue;
            }
            if (eight != null && i >= WIDE - 1) {
                eight.probe(bytes, value, i, hits);
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

    private static long byteWindow(String s, int from) {
        long k = 0;
        for (int i = from; i < from + WIDE; i++) {
            k = (k << 8) | (s.charAt(i) & 0xFF);
        }
        return k;
    }

    /** Probes of one window length: the window's key, then for each probe its text and the window's offset in it. */
    private static final class Table {
        private final int length;
        private final boolean verifyAll;
        private final long[] keys;
        private final int[][] idsBySlot;
        private final int[][] offsetsBySlot;
        private final String[][] textsBySlot;
        private final int mask;
        private final long[] filter;
        private final int filterShift;

        Table(int length, boolean verifyAll, Map<Long, List<Entry>> byWindow) {
            this.length = length;
            this.verifyAll = verifyAll;
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
                        if (!verifyAll && text.length() == length
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

    /** How often a window is likely to occur in event text (higher: more often), from its characters. */
    static double commonness(String text, int from, int length) {
        double score = 0;
        for (int i = from; i < from + length; i++) {
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
            // probes are filed one by one under the window that costs least: a window is checked against every
            // probe filed under it wherever it occurs, so its cost grows with its load and with how common it is
            Map<Long, Integer> load = new HashMap<>();
            List<Map<Long, List<Entry>>> byTable = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                byTable.add(new HashMap<>());
            }
            long[] bigrams = new long[1 << 10];
            for (String text : probes.keySet().stream().sorted().toList()) {
                List<Integer> ids = probes.get(text);
                int length = text.length() >= WIDE ? WIDE : Math.min(NARROW, text.length());
                int offset = 0;
                if (length >= NARROW) {
                    double best = Double.MAX_VALUE;
                    for (int i = 0; i + length <= text.length(); i++) {
                        double score = (load.getOrDefault(key(text, i, length), 0) + 1)
                                * Math.pow(2, commonness(text, i, length) * 4 / length);
                        if (score < best) {
                            best = score;
                            offset = i;
                        }
                    }
                    load.merge(key(text, offset, length), 1, Integer::sum);
                }
                if (length >= 2) {
                    int end = offset + length - 1;
                    int bigram = (text.charAt(end - 1) & 0xFF) << 8 | (text.charAt(end) & 0xFF);
                    bigrams[bigram >>> 6] |= 1L << bigram;
                }
                long k = key(text, offset, length);
                final int windowOffset = offset;
                Map<Long, List<Entry>> table = byTable.get(length == WIDE ? 4 : length - 1);
                for (int id : ids) {
                    table.computeIfAbsent(k, x -> new ArrayList<>()).add(new Entry(id, text, windowOffset));
                }
            }
            Table[] tables = new Table[5];
            for (int t = 0; t < 5; t++) {
                if (!byTable.get(t).isEmpty()) {
                    tables[t] = t == 4 ? new Table(WIDE, true, byTable.get(t))
                            : new Table(t + 1, false, byTable.get(t));
                }
            }
            return new WindowTable(tables, bigrams);
        }

        private static long key(String text, int from, int length) {
            return length == WIDE ? byteWindow(text, from) : window(text, from, length);
        }
    }
}
