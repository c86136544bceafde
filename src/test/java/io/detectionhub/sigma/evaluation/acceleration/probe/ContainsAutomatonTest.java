package io.detectionhub.sigma.evaluation.acceleration.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;


/**
 * The automaton against {@code String.contains}, with transition rows for few nodes so that most of the search runs
 * through deep nodes and failure links, falling back into the rows (and with non-ASCII characters, which have none).
 */
class ContainsAutomatonTest {

    @Test
    void findsExactlyTheProbesAValueContainsWhateverTheRowBudget() {
        Random r = new Random(0xAC);
        String alphabet = "abc\\.\u0161\uD83D\uDE00";
        List<String> probes = new ArrayList<>(new TreeSet<>(List.of("a", "ab", "abc", "bca", "c\\a", "\u0161a")));
        while (probes.size() < 300) {
            String p = ProbeIndexTest.random(r, alphabet, 1 + r.nextInt(9));
            if (!probes.contains(p)) {
                probes.add(p);
            }
        }
        ProbeIndex index = new ProbeIndex();
        for (String p : probes) {
            index.unit(new int[] {index.gate(new String[] {"f"}, List.of(Probe.contains(p)))});
        }
        index.build();
        CharTrie.Builder trie = new CharTrie.Builder();
        for (int id = 0; id < probes.size(); id++) {
            trie.add(probes.get(id), id);
        }
        int width = trie.build(1 << 16).columns() + 1;
        int found = 0;
        for (int budget : new int[] {1, 7 * width, 1 << 16}) {
            ContainsAutomaton automaton = ContainsAutomaton.of(trie, budget);
            ProbeHits hits = index.newHits();
            index.scan(new io.detectionhub.sigma.evaluation.event.EventBuilder().build(), null, hits);
            for (int i = 0; i < 2000; i++) {
                String value = ProbeIndexTest.random(r, alphabet, r.nextInt(2 * ContainsAutomaton.SPLIT_LENGTH + 40));
                hits.beginValue();
                automaton.scan(value, hits);
                int[] ids = hits.endValue(true);
                Set<Integer> expected = new TreeSet<>();
                for (int id = 0; id < probes.size(); id++) {
                    if (value.contains(probes.get(id))) {
                        expected.add(id);
                    }
                }
                Set<Integer> actual = new TreeSet<>();
                Arrays.stream(ids).forEach(actual::add);
                assertEquals(expected, actual, "budget " + budget + ", value " + value);
                found += actual.size();
            }
        }
        assertTrue(found > 10_000, "probes occur: " + found);
    }
}
