package io.detectionhub.sigma.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The literal search reports every registered literal that occurs (overlapping and nested ones included); it may
 * report more (long literals are found by one 4-character window), never fewer.
 */
class LiteralIndexTest {

    @Test
    void findsEveryOccurringLiteralAndNothingElse() {
        LiteralIndex index = new LiteralIndex();
        List<String> literals = List.of("he", "she", "his", "hers", "\\cmd.exe", "cmd", "md.", "zzz", "a\u00e9b");
        for (String l : literals) {
            index.register(List.of(l));
        }
        index.build();
        BitSet hits = new BitSet();
        index.scan("ushers c:\\windows\\cmd.exe a\u00e9b", hits);
        BitSet expected = new BitSet();
        for (int i = 0; i < literals.size(); i++) {
            if ("ushers c:\\windows\\cmd.exe a\u00e9b".contains(literals.get(i))) {
                expected.set(i);
            }
        }
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(hits);
        assertEquals(new BitSet(), missing, "literals that occur but were not reported");
        assertEquals(false, hits.get(literals.indexOf("zzz")));
        assertEquals(false, hits.get(literals.indexOf("his")));
    }

    @Test
    void agreesWithStringContainsOnRandomText() {
        Random random = new Random(7);
        LiteralIndex index = new LiteralIndex();
        List<String> literals = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String l = randomText(random, 2 + random.nextInt(5));
            if (!literals.contains(l)) {
                literals.add(l);
                index.register(List.of(l));
            }
        }
        index.build();
        for (int round = 0; round < 200; round++) {
            String text = randomText(random, random.nextInt(200));
            BitSet hits = new BitSet();
            index.scan(text, hits);
            for (int i = 0; i < literals.size(); i++) {
                if (text.contains(literals.get(i))) {
                    assertEquals(true, hits.get(i), literals.get(i) + " in " + text);
                } else if (literals.get(i).length() < 4) {
                    assertEquals(false, hits.get(i), literals.get(i) + " not in " + text);
                }
            }
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append("abc\\.-".charAt(random.nextInt(6)));
        }
        return sb.toString();
    }
}
