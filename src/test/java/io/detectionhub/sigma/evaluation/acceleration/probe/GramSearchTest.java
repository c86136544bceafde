package io.detectionhub.sigma.evaluation.acceleration.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;


/**
 * The gram search against {@code String.contains}: probes of every length (empty, shorter than a gram, longer),
 * ASCII and not, in values with and without non-ASCII characters; and a rule set and value built so that comparing
 * in full would cost too much, which the automaton answers instead.
 */
class GramSearchTest {

    @Test
    void findsExactlyTheProbesAValueContains() {
        Random r = new Random(0x6A);
        String alphabet = "abc\\. -\u0161\uD83D\uDE00";
        List<String> probes = new ArrayList<>(List.of("", "a", "ab", "abc", "abca", "c\\a", "\u0161a", "\uD83D\uDE00",
                " -", "b.c\\ a"));
        while (probes.size() < 400) {
            String p = ProbeIndexTest.random(r, alphabet, 1 + r.nextInt(12));
            if (!probes.contains(p)) {
                probes.add(p);
            }
        }
        Scanner scanner = new Scanner(probes);
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            String value = ProbeIndexTest.random(r, i % 3 == 0 ? "abc\\. -" : alphabet, r.nextInt(120));
            Set<Integer> actual = scanner.scan(value);
            assertEquals(scanner.expected(value), actual, "value " + value);
            found += actual.size();
        }
        assertTrue(found > 30_000, "probes occur: " + found);
    }

    @Test
    void aValueThatWouldCostTooManyComparisonsIsSearchedByTheAutomaton() {
        // every probe shares every gram with the others, and the value repeats them: each position would compare all
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            probes.add("a".repeat(40) + Integer.toBinaryString(i).replace('0', 'a').replace('1', 'b'));
        }
        Scanner scanner = new Scanner(probes);
        String everyday = "c:\\windows\\system32\\cmd.exe /c echo aaaab";
        assertEquals(scanner.expected(everyday), scanner.scan(everyday));
        assertFalse(scanner.search.fellBack(), "a value with few comparisons is compared in full");
        String value = "a".repeat(5000) + "bab";
        assertEquals(scanner.expected(value), scanner.scan(value));
        assertTrue(scanner.search.fellBack());
        String other = "x" + "a".repeat(45) + "bbbb";
        assertEquals(scanner.expected(other), scanner.scan(other), "the search goes on after a fallback");
    }

    /** A gram search over probes numbered by their position, scanning values the way the probe index does. */
    private static final class Scanner {
        private final List<String> probes;
        private final GramSearch search;
        private final ProbeIndex index = new ProbeIndex();
        private final ProbeHits hits;

        Scanner(List<String> probes) {
            this.probes = probes;
            for (String p : probes) {
                index.unit(new int[] {index.gate(new String[] {"f"}, List.of(Probe.contains(p)))});
            }
            index.build();
            String[] texts = probes.toArray(String[]::new);
            int[][] ids = new int[texts.length][];
            for (int id = 0; id < ids.length; id++) {
                ids[id] = new int[] {id};
            }
            search = GramSearch.of(texts, ids);
            hits = index.newHits();
            index.scan(new io.detectionhub.sigma.evaluation.event.EventBuilder().build(), null, hits);
        }

        Set<Integer> scan(String value) {
            hits.beginValue();
            search.scan(value, hits);
            Set<Integer> actual = new TreeSet<>();
            Arrays.stream(hits.endValue(true)).forEach(actual::add);
            return actual;
        }

        Set<Integer> expected(String value) {
            Set<Integer> expected = new TreeSet<>();
            for (int id = 0; id < probes.size(); id++) {
                if (value.contains(probes.get(id))) {
                    expected.add(id);
                }
            }
            return expected;
        }
    }
}
