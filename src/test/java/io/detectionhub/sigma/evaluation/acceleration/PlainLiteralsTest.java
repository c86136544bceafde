package io.detectionhub.sigma.evaluation.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.Matchers;
import io.detectionhub.sigma.evaluation.match.StringPattern;
import io.detectionhub.sigma.evaluation.match.ValueMatcher;

class PlainLiteralsTest {

    private static final String ALPHABET = "abAB\\.-e\u00c9\u0130\u212A\uD83D\uDE00";

    @Test
    void answersLikeComparingEachLiteral() {
        Random random = new Random(7);
        int matched = 0;
        for (int set = 0; set < 200; set++) {
            List<ValueMatcher> matchers = new ArrayList<>();
            int count = PlainLiterals.MIN_LITERALS + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                String literal = text(random, random.nextInt(6));
                // "*" alone is a contains pattern, not a plain one
                matchers.add(plain(literal, literal.isEmpty() ? 0 : random.nextInt(3), random.nextBoolean()));
            }
            PlainLiterals literals = PlainLiterals.of(matchers);
            for (int v = 0; v < 200; v++) {
                List<EventValue> values = List.of(EventValue.string(text(random, random.nextInt(9))));
                boolean expected = matchers.stream().anyMatch(m -> m.match(null, values) != null);
                assertEquals(expected, literals.matchesAny(values), () -> values + " against " + matchers);
                matched += expected ? 1 : 0;
            }
        }
        assertTrue(matched > 2_000, "the random values match often enough to test both answers: " + matched);
    }

    @Test
    void systemDllSuffixesCaseInsensitive() {
        List<ValueMatcher> dlls = IntStream.range(0, 300).mapToObj(i -> plain("\\lib" + i + ".dll", 2, false))
                .toList();
        PlainLiterals literals = PlainLiterals.of(dlls);
        assertTrue(literals.matchesAny(List.of(EventValue.string("C:\\Temp\\LIB299.DLL"))));
        assertTrue(literals.matchesAny(List.of(EventValue.NULL, EventValue.string("x\\lib0.dll"))));
        assertFalse(literals.matchesAny(List.of(EventValue.string("C:\\Temp\\lib300.dll"))));
        assertFalse(literals.matchesAny(List.of(EventValue.string("lib1.dll"))), "the backslash is part of it");
        assertFalse(literals.matchesAny(List.of(EventValue.NULL)));
    }

    @Test
    void casedLiteralsCompareTheValueAsItIs() {
        List<ValueMatcher> matchers = new ArrayList<>();
        for (int i = 0; i < PlainLiterals.MIN_LITERALS; i++) {
            matchers.add(plain("Cmd" + i, i % 3, true));
        }
        PlainLiterals literals = PlainLiterals.of(matchers);
        assertTrue(literals.matchesAny(List.of(EventValue.string("Cmd0"))));
        assertFalse(literals.matchesAny(List.of(EventValue.string("cmd0"))));
        assertTrue(literals.matchesAny(List.of(EventValue.string("Cmd1 and more"))), "a prefix");
        assertTrue(literals.matchesAny(List.of(EventValue.string("more Cmd2"))), "a suffix");
    }

    /** One exact (0), prefix (1) or suffix (2) value, compiled the way a rule's value is. */
    private static ValueMatcher plain(String literal, int shape, boolean cased) {
        IntStream codes = literal.codePoints();
        if (shape == 1) {
            codes = IntStream.concat(codes, IntStream.of(StringPattern.ANY_SEQUENCE));
        } else if (shape == 2) {
            codes = IntStream.concat(IntStream.of(StringPattern.ANY_SEQUENCE), codes);
        }
        StringPattern pattern = new StringPattern(codes.toArray(), cased);
        ValueMatcher matcher = new Matchers.StringMatch(List.of(pattern), pattern.toString());
        assertTrue(PlainLiterals.plain(matcher), pattern::toString);
        return matcher;
    }

    private static String text(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ALPHABET.length());
            if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                sb.append(ALPHABET, at, at + 2);
            } else if (Character.isLowSurrogate(ALPHABET.charAt(at))) {
                sb.append(ALPHABET, at - 1, at + 1);
            } else {
                sb.append(ALPHABET.charAt(at));
            }
        }
        return sb.toString();
    }
}
