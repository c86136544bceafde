package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/** The probes of one event field (or of keyword items), by anchor. */
final class FieldProbes {

    private final Map<String, int[]> exact;
    /**
     * Bits by length, first and last character of the exact probes: a value whose bit is clear equals none of them,
     * known without hashing its whole text (most values of a field with exact probes, such as command lines).
     */
    private final long[] exactFilter;
    private final AnchorTrie prefixes;
    private final AnchorTrie suffixes;
    private final ContainsSearch contains;
    private final int[] numerals;
    /** Which probes these are, for the cache of repeated values (see {@link ScanMemo}). */
    private final int scope;
    /** True when searching a value costs more than looking it up among remembered values. */
    private final boolean worthRemembering;
    /** True when these probes include the search's keyword probes (a value searched here needs no keyword search). */
    private final boolean holdsKeywords;
    /** The search when these probes are only ASCII contains probes that it can find in text not lower-cased, or null. */
    private final SkipSearch foldingSearch;

    private FieldProbes(int scope, Map<String, int[]> exact, AnchorTrie prefixes, AnchorTrie suffixes, ContainsSearch contains,
                        int[] numerals, boolean holdsKeywords) {
        this.scope = scope;
        this.holdsKeywords = holdsKeywords;
        this.foldingSearch = contains instanceof SkipSearch skip && skip.foldsCase() && exact == null
                && prefixes == null && suffixes == null && numerals == null ? skip : null;
        this.exact = exact;
        this.exactFilter = exact == null ? null : new long[EXACT_FILTER_BITS >>> 6];
        if (exact != null) {
            for (String text : exact.keySet()) {
                int bit = exactBit(text);
                exactFilter[bit >>> 6] |= 1L << bit;
            }
        }
        this.numerals = numerals;
        this.prefixes = prefixes;
        this.suffixes = suffixes;
        this.contains = contains;
        this.worthRemembering = prefixes != null || suffixes != null || contains != null && contains.costly();
    }

    int scope() {
        return scope;
    }

    boolean worthRemembering() {
        return worthRemembering;
    }

    boolean holdsKeywords() {
        return holdsKeywords;
    }

    /**
     * Searches a value that is not lower-cased when these probes can (only ASCII contains probes, searched by
     * skipping ahead, and no U+0130 or U+212A in the value: see {@link SkipSearch#scanFoldingCase}); false when the
     * value must be lower-cased and searched with {@link #scan}.
     */
    boolean scanFoldingCase(String text, ProbeHits hits) {
        if (foldingSearch == null || text.indexOf('\u0130') >= 0 || text.indexOf('\u212A') >= 0) {
            return false;
        }
        foldingSearch.scanFoldingCase(text, hits);
        return true;
    }

    private static final int EXACT_FILTER_BITS = 1 << 12;

    private static int exactBit(String text) {
        int n = text.length();
        int h = n == 0 ? 0 : (n * 31 + text.charAt(0)) * 31 + text.charAt(n - 1);
        return (h ^ h >>> 12) & (EXACT_FILTER_BITS - 1);
    }

    /** Reports every probe that holds in this lower-cased value. */
    void scan(String value, ProbeHits hits) {
        int bit;
        if (exact != null && (exactFilter[(bit = exactBit(value)) >>> 6] & 1L << bit) != 0) {
            int[] ids = exact.get(value);
            if (ids != null) {
                for (int id : ids) {
                    hits.found(id);
                }
            }
        }
        if (prefixes != null) {
            prefixes.walk(value, hits);
        }
        if (suffixes != null) {
            suffixes.walk(value, hits);
        }
        if (contains != null) {
            contains.scan(value, hits);
        }
        if (numerals != null && Probe.otherNumeral(value)) {
            for (int id : numerals) {
                hits.found(id);
            }
        }
    }

    static final class Builder {
        private final Map<String, List<Integer>> exact = new HashMap<>();
        private final AnchorTrie.Builder prefixes = new AnchorTrie.Builder(false);
        private final AnchorTrie.Builder suffixes = new AnchorTrie.Builder(true);
        private final ContainsSearch.Builder contains = new ContainsSearch.Builder();
        private final List<Integer> numerals = new ArrayList<>();
        private boolean empty = true;
        private boolean holdsKeywords;

        /** Adds the keyword probes too: values searched with these probes are then searched for keywords. */
        void addKeywords(List<Probe> probes, List<Integer> ids) {
            for (int i = 0; i < probes.size(); i++) {
                add(probes.get(i), ids.get(i));
            }
            holdsKeywords = true;
        }

        void add(Probe probe, int id) {
            empty = false;
            switch (probe.anchor()) {
                case EXACT -> exact.computeIfAbsent(probe.text(), k -> new ArrayList<>(1)).add(id);
                case PREFIX -> prefixes.add(probe.text(), id);
                case SUFFIX -> suffixes.add(probe.text(), id);
                case CONTAINS -> contains.add(probe.text(), id);
                case NUMERAL -> numerals.add(id);
            }
        }

        boolean isEmpty() {
            return empty;
        }

        FieldProbes build(int scope) {
            Map<String, int[]> exactIds = null;
            if (!exact.isEmpty()) {
                exactIds = new HashMap<>();
                for (Map.Entry<String, List<Integer>> e : exact.entrySet()) {
                    exactIds.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
                }
            }
            return new FieldProbes(scope, exactIds, prefixes.isEmpty() ? null : prefixes.build(),
                    suffixes.isEmpty() ? null : suffixes.build(), contains.isEmpty() ? null : contains.build(),
                    numerals.isEmpty() ? null : numerals.stream().mapToInt(Integer::intValue).toArray(),
                    holdsKeywords);
        }
    }
}
