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
 * shared by the fewest literals, and found with one hash probe per text position ({@link GramTable}). Shorter
 * literals go through a small flat-array Aho-Corasick automaton. org.ahocorasick's trie was used first: building an
 * emit object and collection per hit took about 80% of the evaluation CPU time in a JFR profile of the corpus
 * benchmark, and a full automaton over all ~28,000 literals still spent three quarters of it in cache misses.
 */
final class LiteralIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private final java.util.List<String> literals = new java.util.ArrayList<>();
    private Automaton shortLiterals;
    private GramTable grams;

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
        List<String> shortOnes = new java.util.ArrayList<>();
        List<Integer> shortIds = new java.util.ArrayList<>();
        for (int id = 0; id < literals.size(); id++) {
            if (literals.get(id).length() < GramTable.GRAM) {
                shortOnes.add(literals.get(id));
                shortIds.add(id);
            }
        }
        shortLiterals = new Automaton(shortOnes, shortIds.stream().mapToInt(Integer::intValue).toArray());
        grams = new GramTable(literals);
    }

    int size() {
        return ids.size();
    }

    /** Sets the bit of every registered literal occurring in the text. */
    void scan(String lowerText, BitSet hits) {
        if (!ids.isEmpty()) {
            shortLiterals.scan(lowerText, hits);
            grams.scan(lowerText, hits);
        }
    }

    /**
     * An Aho-Corasick automaton in flat arrays: a dense transition table for the root, sorted child arrays for the
     * other states, failure and dictionary-suffix links. One pass over the text, no allocation.
     */
    static final class Automaton {
        private final int[] root = new int[Character.MAX_VALUE + 1];
        private final int[] childStart;
        private final char[] childChar;
        private final int[] childState;
        private final int[] fail;
        private final int[] dictionary;
        private final int[][] output;

        private final int[] ids;

        Automaton(java.util.List<String> literals, int[] ids) {
            this.ids = ids;
            java.util.List<java.util.TreeMap<Character, Integer>> children = new java.util.ArrayList<>();
            java.util.List<int[]> outputs = new java.util.ArrayList<>();
            children.add(new java.util.TreeMap<>());
            outputs.add(null);
            for (int id = 0; id < literals.size(); id++) {
                String l = literals.get(id);
                int state = 0;
                for (int i = 0; i < l.length(); i++) {
                    Integer next = children.get(state).get(l.charAt(i));
                    if (next == null) {
                        next = children.size();
                        children.get(state).put(l.charAt(i), next);
                        children.add(new java.util.TreeMap<>());
                        outputs.add(null);
                    }
                    state = next;
                }
                int[] o = outputs.get(state);
                int[] grown = o == null ? new int[1] : java.util.Arrays.copyOf(o, o.length + 1);
                grown[grown.length - 1] = id;
                outputs.set(state, grown);
            }
            int n = children.size();
            childStart = new int[n + 1];
            int total = 0;
            for (int s = 0; s < n; s++) {
                childStart[s] = total;
                total += children.get(s).size();
            }
            childStart[n] = total;
            childChar = new char[total];
            childState = new int[total];
            for (int s = 0; s < n; s++) {
                int k = childStart[s];
                for (java.util.Map.Entry<Character, Integer> e : children.get(s).entrySet()) {
                    childChar[k] = e.getKey();
                    childState[k++] = e.getValue();
                }
            }
            children.get(0).forEach((c, t) -> root[c] = t);
            output = outputs.toArray(int[][]::new);
            fail = new int[n];
            dictionary = new int[n];
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            for (int k = childStart[0]; k < childStart[1]; k++) {
                queue[tail++] = childState[k];
            }
            while (head < tail) {
                int s = queue[head++];
                for (int k = childStart[s]; k < childStart[s + 1]; k++) {
                    char c = childChar[k];
                    int t = childState[k];
                    int f = fail[s];
                    int next;
                    while ((next = step(f, c)) < 0) {
                        f = fail[f];
                    }
                    fail[t] = next == t ? 0 : next;
                    dictionary[t] = output[fail[t]] != null ? fail[t] : dictionary[fail[t]];
                    queue[tail++] = t;
                }
            }
        }

        /** The state after reading c in state s, or -1 when s has no such transition (never for the root). */
        private int step(int s, char c) {
            if (s == 0) {
                return root[c];
            }
            int lo = childStart[s];
            int hi = childStart[s + 1] - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                char m = childChar[mid];
                if (m < c) {
                    lo = mid + 1;
                } else if (m > c) {
                    hi = mid - 1;
                } else {
                    return childState[mid];
                }
            }
            return -1;
        }

        void scan(String text, BitSet hits) {
            int s = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                int next;
                while ((next = step(s, c)) < 0) {
                    s = fail[s];
                }
                s = next;
                int o = output[s] != null ? s : dictionary[s];
                while (o != 0) {
                    for (int id : output[o]) {
                        hits.set(ids[id]);
                    }
                    o = dictionary[o];
                }
            }
        }
    }

    /**
     * Literals of at least {@link #GRAM} characters keyed by one window each, packed into a long (four 16-bit chars),
     * in an open-addressing table probed once per text position with a rolling key.
     */
    static final class GramTable {
        static final int GRAM = 4;

        private final long[] keys;
        private final int[][] idsBySlot;
        private final int mask;

        GramTable(List<String> literals) {
            Map<Long, Integer> sharing = new HashMap<>();
            for (String l : literals) {
                if (l.length() >= GRAM) {
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    for (int i = 0; i + GRAM <= l.length(); i++) {
                        if (seen.add(key(l, i))) {
                            sharing.merge(key(l, i), 1, Integer::sum);
                        }
                    }
                }
            }
            Map<Long, List<Integer>> byGram = new HashMap<>();
            for (int id = 0; id < literals.size(); id++) {
                String l = literals.get(id);
                if (l.length() < GRAM) {
                    continue;
                }
                long best = key(l, 0);
                for (int i = 1; i + GRAM <= l.length(); i++) {
                    long k = key(l, i);
                    if (sharing.get(k) < sharing.get(best)) {
                        best = k;
                    }
                }
                byGram.computeIfAbsent(best, x -> new java.util.ArrayList<>()).add(id);
            }
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
            });
        }

        private static long key(String s, int from) {
            long k = 0;
            for (int i = from; i < from + GRAM; i++) {
                k = (k << 16) | s.charAt(i);
            }
            return k;
        }

        private int slot(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        void scan(String text, BitSet hits) {
            long k = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                k = (k << 16) | text.charAt(i);
                if (i < GRAM - 1) {
                    continue;
                }
                int slot = slot(k);
                long found;
                while ((found = keys[slot]) != 0) {
                    if (found == k) {
                        for (int id : idsBySlot[slot]) {
                            hits.set(id);
                        }
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
    }
}
