package io.detectionhub.sigma.evaluation.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.Matchers;

/** Prefilters, remembered answers and the line-length reading of {@code .{N,}} answer as RE2/J does. */
class PrefilteredRegexTest {

    @Test
    void answersLikeTheRegexOnRepeatedValues() {
        assertSameAnswers(Pattern.compile("-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?"), List.of("svchost.exe -k netsvcs -p",
                "svchost.exe -k", "svchost.exe -k  x", "-k a", "svchost.exe calc.exe", "-K netsvcs",
                "x -k\tDcomLaunch", "-k -p"));
    }

    @Test
    void answersLikeTheRegexWithClassRunsAndClauses() {
        assertSameAnswers(Pattern.compile("\\s[a-fA-F0-9]{8}\\s", Pattern.CASE_INSENSITIVE), List.of(
                " 0123abcd ", " 0123abc ", "x 0123ABCD y", "0123abcd", " 0123abcg ", "\t89abcdef\n"));
        assertSameAnswers(Pattern.compile("(?i)invoke-(mimikatz|expression)"), List.of("Invoke-Mimikatz",
                "INVOKE-EXPRESSION x", "invoke-", "Invoke-Expressio", "x invoke-mimikatz"));
    }

    @Test
    void aMinimumLengthIsALineLength() {
        List<String> pool = List.of("abc", "abcd", "ab\ncd", "abcd\nx", "\u00e9\u00e9\u00e9\u00e9",
                "\uD83D\uDE00\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "a\nb\nc\nd");
        assertSameAnswers(Pattern.compile(".{4,}"), pool);
        assertSameAnswers(Pattern.compile(".{4,}", Pattern.DOTALL), pool);
        assertSameAnswers(Pattern.compile(".{4,}", Pattern.MULTILINE), pool);
    }

    /** Values drawn from the pool (with a digit appended now and then), each seen several times. */
    private static void assertSameAnswers(Pattern regex, List<String> pool) {
        Matchers.RegexMatch meaning = new Matchers.RegexMatch(regex, regex.pattern());
        PrefilteredRegex accelerated = new PrefilteredRegex(meaning);
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            String text = pool.get(random.nextInt(pool.size())) + (random.nextInt(4) == 0 ? random.nextInt(9) : "");
            List<EventValue> values = List.of(EventValue.string(text));
            assertEquals(meaning.match(null, values) != null, accelerated.matchesAny(values), text);
        }
    }
}
