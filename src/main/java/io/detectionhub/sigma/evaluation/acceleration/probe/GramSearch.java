package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many contains probes of any length, found through one q-gram of each: a probe of up to {@link #Q} ASCII
 * characters is its own gram; a longer one is represented by one of its {@link #Q}-character grams, the one fewest
 * other probes share, and compared in full where that gram occurs. The search reads the value once, keeping the last
 * {@link #Q} characters packed in an int, and tests at each character two bit tables that fit the processor's
 * nearest cache: the 4-gram ending there, and whether a probe of up to three characters may end there (its own bits
 * are read only then: two tests a character instead of four). Those tests do not depend on each other, so the processor runs many at once, where an
 * automaton's steps each wait for the one before (and its rows, for the corpus's thousands of command-line probes,
 * are mostly out of the nearest caches by the next event).
 * <p>
 * Probes with a non-ASCII character are searched by a search of their own, only in values that have one. A value on
 * which comparing in full costs more than {@link #VERIFY_BUDGET_PER_CHARACTER} characters per character (many probes
 * sharing the grams that the value repeats: a hostile rule set and event together) is searched by the automaton of
 * the same probes instead, built on first need, so no value costs more than a bounded multiple of its length.
 */
final class GramSearch implements ContainsSearch {

    static final int Q = 4;
    private static final int HASHED_FILTER_BITS = 1 << 18;
    private static final int VERIFY_BUDGET_PER_CHARACTER = 8;
    private static final int CHAR_BITS = 7;

    private final String[] texts;
    private final int[][] ids;
    /** Ids of empty probes: every value holds them. */
    private final int[] always;
    /** Bits of the 1-character grams (by character) and of the 2-character grams (by their 14 packed bits). */
    private final long[] ones = new long[2];
    private final long[] twos = new long[(1 << 2 * CHAR_BITS) >>> 6];
    /**
     * By the last two characters: set where a probe of up to three characters may end there (a 1-character probe
     * after any character, a 2-character probe, the last two characters of a 3-character one). The search tests
     * this and the 4-gram bit at each character, and the short probes' own bits only where this is set.
     */
    private final long[] shortEnds = new long[(1 << 2 * CHAR_BITS) >>> 6];
    /** Hashed bits of the 3- and 4-character grams. */
    private final long[] hashed = new long[HASHED_FILTER_BITS >>> 6];
    /**
     * Open addressing by gram key, three ints a slot: the key (-1 when free) and the slot's first and end entry in
     * {@link #entries}, where each probe of the gram takes {@link #ENTRY} ints: the probe, the gram's offset in it,
     * and where its text starts in {@link #pool} and its length, so a comparison reads no String object.
     */
    private final int[] slots;
    private final int[] entries;
    private final char[] pool;
    private static final int ENTRY = 4;
    private final int keyShift;
    private final int slotMask;
    private final ContainsSearch nonAscii;
    /** The whole search as an automaton, for values that would cost too many comparisons; built on first need. */
    private volatile ContainsAutomaton fallback;

    private GramSearch(String[] texts, int[][] ids, int[] always, Map<Integer, List<int[]>> grams,
                       ContainsSearch nonAscii) {
        this.texts = texts;
        this.ids = ids;
        this.always = always;
        this.nonAscii = nonAscii;
        int size = Integer.highestOneBit(Math.max(16, grams.size() * 2)) << 1;
        this.keyShift = 32 - Integer.numberOfTrailingZeros(size);
        this.slotMask = size - 1;
        this.slots = new int[size * 3];
        for (int slot = 0; slot < size; slot++) {
            slots[slot * 3] = -1;
        }
        this.pool = String.join("", texts).toCharArray();
        int[] poolStart = new int[texts.length];
        for (int p = 1; p < texts.length; p++) {
            poolStart[p] = poolStart[p - 1] + texts[p - 1].length();
        }
        this.entries = new int[grams.values().stream().mapToInt(List::size).sum() * ENTRY];
        int at = 0;
        for (Map.Entry<Integer, List<int[]>> gram : grams.entrySet()) {
            int key = gram.getKey();
            int q = (key >>> (Q * CHAR_BITS)) + 1;
            setFilterBit(key, q);
            int slot = key * 0x9E3779B1 >>> keyShift;
            while (slots[slot * 3] != -1) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 3] = key;
            slots[slot * 3 + 1] = at;
            for (int[] probeAndOffset : gram.getValue()) {
                int probe = probeAndOffset[0];
                entries[at++] = probe;
                entries[at++] = probeAndOffset[1];
                entries[at++] = poolStart[probe];
                entries[at++] = texts[probe].length();
            }
            slots[slot * 3 + 2] = at;
        }
    }

    private void setFilterBit(int key, int q) {
        int gram = key & (1 << Q * CHAR_BITS) - 1;
        switch (q) {
            case 1 -> {
                ones[gram >>> 6] |= 1L << gram;
                for (int before = 0; before < 1 << CHAR_BITS; before++) {
                    setShortEnd(before << CHAR_BITS | gram);
                }
            }
            case 2 -> {
                twos[gram >>> 6] |= 1L << gram;
                setShortEnd(gram);
            }
            default -> {
                int bit = hashedBit(key);
                hashed[bit >>> 6] |= 1L << bit;
                if (q == 3) {
                    setShortEnd(gram & (1 << 2 * CHAR_BITS) - 1);
                }
            }
        }
    }

    private void setShortEnd(int lastTwo) {
        shortEnds[lastTwo >>> 6] |= 1L << lastTwo;
    }

    private static int hashedBit(int key) {
        return key * 0x85EBCA6B >>> (32 - Integer.numberOfTrailingZeros(HASHED_FILTER_BITS));
    }

    /** A gram of {@code q} ASCII characters packed 7 bits each, tagged with its length. */
    private static int key(int q, int packed) {
        return (q - 1) << (Q * CHAR_BITS) | packed;
    }

    /** The search for these probes (texts lower-cased, distinct), each with the ids it reports. */
    static GramSearch of(String[] texts, int[][] ids) {
        List<Integer> asciiProbes = new ArrayList<>();
        List<Integer> empty = new ArrayList<>();
        ContainsSearch.Builder others = new ContainsSearch.Builder();
        for (int p = 0; p < texts.length; p++) {
            if (texts[p].isEmpty()) {
                Arrays.stream(ids[p]).forEach(empty::add);
            } else if (texts[p].chars().allMatch(c -> c < 128)) {
                asciiProbes.add(p);
            } else {
                for (int id : ids[p]) {
                    others.add(texts[p], id);
                }
            }
        }
        // how many probes hold each long gram: the rarer among the probes, the rarer in values, as a rule
        Map<Integer, Integer> sharing = new HashMap<>();
        for (int p : asciiProbes) {
            String text = texts[p];
            for (int i = 0; i + Q <= text.length(); i++) {
                int key = key(Q, pack(text, i, Q));
                if (text.indexOf(text.substring(i, i + Q)) == i) {
                    sharing.merge(key, 1, Integer::sum);
                }
            }
        }
        Map<Integer, List<int[]>> grams = new HashMap<>();
        for (int p : asciiProbes) {
            String text = texts[p];
            if (text.length() <= Q) {
                grams.computeIfAbsent(key(text.length(), pack(text, 0, text.length())), k -> new ArrayList<>())
                        .add(new int[] {p, 0});
                continue;
            }
            int best = 0;
            double bestScore = Double.MAX_VALUE;
            for (int i = 0; i + Q <= text.length(); i++) {
                double score = sharing.get(key(Q, pack(text, i, Q))) + commonness(text, i);
                if (score < bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            grams.computeIfAbsent(key(Q, pack(text, best, Q)), k -> new ArrayList<>()).add(new int[] {p, best});
        }
        return new GramSearch(texts, ids, empty.stream().mapToInt(Integer::intValue).toArray(), grams,
                others.isEmpty() ? null : others.buildWithoutGrams());
    }

    private static final List<String> COMMON_TEXT = List.of("c:\\windows\\system32\\", "c:\\program files",
            "\\appdata\\local\\", "\\appdata\\roaming\\", "c:\\users\\", "\\microsoft\\", "\\windows\\", ".exe",
            ".dll", "http://", "https://", "powershell", "system32", "syswow64", "/usr/bin/", "/bin/", "/tmp/",
            "-command", "--type=", "renderer", "software\\", "currentversion", "hklm\\", "hkcu\\", "hku\\",
            "\\temp\\", "program", "windows", ".com", "the ", "and ", "tion", "ing ");

    /** Grams of everyday paths and words are common in values whatever the probes say. */
    private static double commonness(String text, int at) {
        String gram = text.substring(at, at + Q);
        for (String common : COMMON_TEXT) {
            if (common.contains(gram)) {
                return 1_000;
            }
        }
        return 0;
    }

    private static int pack(String text, int from, int length) {
        int packed = 0;
        for (int i = from; i < from + length; i++) {
            packed = packed << CHAR_BITS | text.charAt(i);
        }
        return packed;
    }

    @Override
    public void scan(String value, ProbeHits hits) {
        for (int id : always) {
            hits.found(id);
        }
        int n = value.length();
        int budget = VERIFY_BUDGET_PER_CHARACTER * n + 256;
        long[] shortEnds = this.shortEnds;
        long[] hashed = this.hashed;
        int packed = 0;
        int run = 0;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            seen |= c;
            if (c >= 128) {
                run = 0;
                continue;
            }
            packed = (packed << CHAR_BITS | c) & (1 << Q * CHAR_BITS) - 1;
            run++;
            int two = packed & (1 << 2 * CHAR_BITS) - 1;
            long shortEnd = shortEnds[two >>> 6] >>> two & 1;
            int four = key(Q, packed);
            int bit4 = hashedBit(four);
            long hits4 = hashed[bit4 >>> 6] >>> bit4 & (run >= 4 ? 1 : 0);
            if ((shortEnd | hits4) != 0) {
                if (shortEnd != 0) {
                    budget = shortCandidates(c, two, packed, run, i, value, hits, budget);
                }
                if ((hits4 & 1) != 0) {
                    budget = candidates(four, Q, i, value, hits, budget);
                }
                if (budget < 0) {
                    fallback().scan(value, hits);
                    return;
                }
            }
        }
        if (seen >= 128 && nonAscii != null) {
            nonAscii.scan(value, hits);
        }
    }

    /** Reports the probes of up to three characters ending at {@code end}; returns the comparison budget left. */
    private int shortCandidates(char c, int two, int packed, int run, int end, String value, ProbeHits hits,
                                int budget) {
        if ((ones[c >>> 6] >>> c & 1) != 0) {
            budget = candidates(key(1, c), 1, end, value, hits, budget);
        }
        if (run >= 2 && (twos[two >>> 6] >>> two & 1) != 0) {
            budget = candidates(key(2, two), 2, end, value, hits, budget);
        }
        if (run >= 3) {
            int three = key(3, packed & (1 << 3 * CHAR_BITS) - 1);
            int bit3 = hashedBit(three);
            if ((hashed[bit3 >>> 6] >>> bit3 & 1) != 0) {
                budget = candidates(three, 3, end, value, hits, budget);
            }
        }
        return budget;
    }

    /** Reports the probes of the gram ending at {@code end}; returns the comparison budget left. */
    private int candidates(int key, int q, int end, String value, ProbeHits hits, int budget) {
        int slot = key * 0x9E3779B1 >>> keyShift;
        int k;
        while ((k = slots[slot * 3]) != key) {
            if (k == -1) {
                return budget;
            }
            slot = (slot + 1) & slotMask;
        }
        for (int e = slots[slot * 3 + 1], to = slots[slot * 3 + 2]; e < to; e += ENTRY) {
            int length = entries[e + 3];
            if (length == q) {
                report(entries[e], hits);
                continue;
            }
            int start = end - q + 1 - entries[e + 1];
            budget -= length;
            if (start >= 0 && start + length <= value.length() && matchesAt(value, start, entries[e + 2], length)) {
                report(entries[e], hits);
            }
        }
        return budget;
    }

    private boolean matchesAt(String value, int start, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(start + i) != pool[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void report(int probe, ProbeHits hits) {
        for (int id : ids[probe]) {
            hits.found(id);
        }
    }

    private ContainsAutomaton fallback() {
        ContainsAutomaton automaton = fallback;
        if (automaton == null) {
            automaton = ContainsAutomaton.of(texts, ids);
            fallback = automaton;
        }
        return automaton;
    }

    /** True once some value was searched by the automaton instead (tests). */
    boolean fellBack() {
        return fallback != null;
    }

    @Override
    public boolean costly() {
        return true;
    }
}
