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
 * The automaton is a flat-array Aho-Corasick of its own: with org.ahocorasick's trie, building an emit object and
 * collection per hit took about 80% of the evaluation CPU time in a JFR profile of the corpus benchmark.
 */
final class LiteralIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private final java.util.List<String> literals = new java.util.ArrayList<>();
    private Automaton automaton;

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
        automaton = new Automaton(literals);
    }

    int size() {
        return ids.size();
    }

    /** Sets the bit of every registered literal occurring in the text. */
    void scan(String lowerText, BitSet hits) {
        if (!ids.isEmpty()) {
            automaton.scan(lowerText, hits);
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

        Automaton(java.util.List<String> literals) {
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
                        hits.set(id);
                    }
                    o = dictionary[o];
                }
            }
        }
    }
}
