package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contains probes of one field (or of a route's keyword items), found in a single pass over a lower-cased value.
 * Which search depends on the probes: a few are looked for one by one ({@link ProbeByProbe}), long ones all at
 * least {@link #SKIP_MIN_LENGTH} characters by a search that skips ahead ({@link SkipSearch}), any others through
 * their q-grams ({@link GramSearch}), or by an automaton ({@link ContainsAutomaton}).
 */
sealed interface ContainsSearch permits ProbeByProbe, SkipSearch, GramSearch, ContainsAutomaton {

    /** Up to this many probes, a value is searched probe by probe. */
    int FEW = 8;
    /** With all probes at least this long, the search skips ahead instead of stepping through every character. */
    int SKIP_MIN_LENGTH = 5;
    /** Up to this many probes: with more, most character pairs start some probe and skipping rarely pays. */
    int SKIP_MAX_PROBES = 256;

    /** Reports every probe that occurs in the value ({@link ProbeHits#found}). */
    void scan(String value, ProbeHits hits);

    /** True when searching costs more per character than looking a value up among remembered ones. */
    boolean costly();

    final class Builder {
        private final Map<String, List<Integer>> probes = new HashMap<>();

        void add(String text, int id) {
            probes.computeIfAbsent(text, k -> new ArrayList<>(1)).add(id);
        }

        boolean isEmpty() {
            return probes.isEmpty();
        }

        ContainsSearch build() {
            return build(true);
        }

        /** As {@link #build()}, with an automaton where that would search by grams. */
        ContainsSearch buildWithoutGrams() {
            return build(false);
        }

        private ContainsSearch build(boolean grams) {
            String[] texts = probes.keySet().stream().sorted().toArray(String[]::new);
            int[][] ids = java.util.Arrays.stream(texts)
                    .map(t -> probes.get(t).stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            if (texts.length <= FEW) {
                return new ProbeByProbe(texts, ids);
            }
            int shortest = java.util.Arrays.stream(texts).mapToInt(String::length).min().orElse(0);
            if (shortest >= SKIP_MIN_LENGTH && texts.length <= SKIP_MAX_PROBES) {
                return new SkipSearch(texts, ids, shortest);
            }
            return grams ? GramSearch.of(texts, ids) : ContainsAutomaton.of(texts, ids);
        }
    }
}
