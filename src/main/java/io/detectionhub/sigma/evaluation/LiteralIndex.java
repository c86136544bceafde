package io.detectionhub.sigma.evaluation;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * The shared multi-pattern search: every literal that some rule value requires is registered once; one Aho-Corasick
 * pass over an event's lower-cased values tells which of them occur, so rules and searches whose required literals
 * are all absent are known false without looking at their fields.
 * <p>
 * Only necessity matters (a literal that occurs must be reported; reporting one that does not only costs a rule
 * evaluation), so literals of four or more characters are represented by one 4-character window each, the window
 * shared by the fewest literals; literals of two and three characters are their own window. Each window length is
 * found with one hash probe per text position behind a small bitmap filter ({@link GramTable}). org.ahocorasick's
 * trie was used first: building an emit object and collection per hit took about 80% of the evaluation CPU time in
 * a JFR profile of the corpus benchmark, and a flat-array Aho-Corasick automaton over all ~28,000 literals still
 * spent three quarters of it in cache misses.
 */
final class LiteralIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private final java.util.List<String> literals = new java.util.ArrayList<>();
    private GramTable[] tables;

    /** Registers the literals of a gate and gives their ids. */
    int[] register(List<String> literals) {
        int[] out = new int[literals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(literals.get(i), k -> {
                this.literals.add(k);
                return ids.size();
            });
        }
        return out;
    }

    /**
     * How likely it is that at least one of these literals occurs in an event, as a heuristic for picking the most
     * selective gate: short literals and parts of everyday Windows paths and words are common.
     */
    double weight(int[] gate) {
        double w = 0;
        for (int id : gate) {
            String l = literals.get(id);
            double p = 1.0 / ((double) l.length() * l.length());
            if (COMMON.stream().anyMatch(c -> c.contains(l) || l.contains(c) && l.length() < c.length() + 4)) {
                p *= 20;
            }
            w += p;
        }
        return w;
    }

    private static final java.util.List<String> COMMON = java.util.List.of("c:\\windows\\system32\\", "c:\\users\\",
            "c:\\program files", "\\svchost.exe", "\\explorer.exe", "\\powershell.exe", "\\cmd.exe",
            "\\rundll32.exe", "\\appdata\\local\\", "\\temp\\", ".exe", ".dll", "http", "true", "false",
            "microsoft", "windows", "system", "hklm\\software\\", "hku\\", "\\currentversion\\", "/usr/bin/",
            "/bin/", "/tmp/", "get", "set", "user");

    void build() {
        tables = new GramTable[] {new GramTable(literals, 2), new GramTable(literals, 3),
                new GramTable(literals, GramTable.LONGEST)};
    }

    int size() {
        return ids.size();
    }

    /** Sets the bit of every registered literal occurring in the text. */
    void scan(String lowerText, BitSet hits) {
        if (!ids.isEmpty()) {
            GramTable two = tables[0];
            GramTable three = tables[1];
            GramTable four = tables[2];
            long k = 0;
            for (int i = 0, n = lowerText.length(); i < n; i++) {
                k = (k << 16) | lowerText.charAt(i);
                if (i >= 1) {
                    two.probe(k & 0xFFFFFFFFL, hits);
                    if (i >= 2) {
                        three.probe(k & 0xFFFFFFFFFFFFL, hits);
                        if (i >= 3) {
                            four.probe(k, hits);
                        }
                    }
                }
            }
        }
    }

    /**
     * Literals keyed by one window of {@code gram} characters packed into a long (16 bits per char), in an
     * open-addressing table probed with a rolling key at each text position, behind a bitmap that rules out most
     * positions without touching the table. With {@code gram} {@link #LONGEST} it holds the literals of at least that
     * length (by their rarest window); with a smaller {@code gram}, the literals of exactly that length.
     */
    static final class GramTable {
        static final int LONGEST = 4;

        private final int gram;
        private final long[] keys;
        private final int[][] idsBySlot;
        private final int mask;
        private final long[] filter = new long[1 << 14];
        private final boolean empty;

        GramTable(List<String> literals, int gram) {
            this.gram = gram;
            Map<Long, Integer> sharing = new HashMap<>();
            for (String l : literals) {
                if (fits(l)) {
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    for (int i = 0; i + gram <= l.length(); i++) {
                        if (seen.add(key(l, i))) {
                            sharing.merge(key(l, i), 1, Integer::sum);
                        }
                    }
                }
            }
            Map<Long, List<Integer>> byGram = new HashMap<>();
            for (int id = 0; id < literals.size(); id++) {
                String l = literals.get(id);
                if (!fits(l)) {
                    continue;
                }
                long best = key(l, 0);
                for (int i = 1; i + gram <= l.length(); i++) {
                    long k = key(l, i);
                    if (sharing.get(k) < sharing.get(best)) {
                        best = k;
                    }
                }
                byGram.computeIfAbsent(best, x -> new java.util.ArrayList<>()).add(id);
            }
            empty = byGram.isEmpty();
            int size = Integer.highestOneBit(Math.max(16, byGram.size() * 4) - 1) << 1;
            keys = new long[size];
            idsBySlot = new int[size][];
            mask = size - 1;
            byGram.forEach((k, ids) -> {
                int slot = slot(k);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k;
                idsBySlot[slot] = ids.stream().mapToInt(Integer::intValue).toArray();
                int bit = filterBit(k);
                filter[bit >>> 6] |= 1L << bit;
            });
        }

        private boolean fits(String literal) {
            return gram == LONGEST ? literal.length() >= LONGEST : literal.length() == gram;
        }

        private static int filterBit(long k) {
            return (int) ((k * 0xC2B2AE3D27D4EB4FL) >>> 44);
        }

        private long key(String s, int from) {
            long k = 0;
            for (int i = from; i < from + gram; i++) {
                k = (k << 16) | s.charAt(i);
            }
            return k;
        }

        private int slot(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        /** Reports the literals of window {@code k} (the last {@code gram} characters read, packed). */
        void probe(long k, BitSet hits) {
            if (empty) {
                return;
            }
            int bit = filterBit(k);
            if ((filter[bit >>> 6] & (1L << bit)) == 0) {
                return;
            }
            int slot = slot(k);
            long found;
            while ((found = keys[slot]) != 0) {
                if (found == k) {
                    for (int id : idsBySlot[slot]) {
                        hits.set(id);
                    }
                    return;
                }
                slot = (slot + 1) & mask;
            }
        }
    }
}
