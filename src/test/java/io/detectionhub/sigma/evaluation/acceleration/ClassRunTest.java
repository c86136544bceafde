package io.detectionhub.sigma.evaluation.acceleration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.google.re2j.Pattern;

class ClassRunTest {

    @Test
    void aLongRepeatedClassIsRequired() {
        ClassRun snake = ClassRun.of("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", false);
        assertEquals(64, snake.length());
        assertTrue(snake.occursIn("jpsetup.exe " + "aB".repeat(32) + " 0123456789abcdef"));
        assertFalse(snake.occursIn("jpsetup.exe " + "aB".repeat(31) + "a" + " 0123456789abcdef" + "g".repeat(80)));
        ClassRun longName = ClassRun.of("[^/]{100,}$", false);
        assertEquals(100, longName.length());
        assertTrue(longName.occursIn("/tmp/" + "x".repeat(100)));
        assertFalse(longName.occursIn(("/" + "x".repeat(99)).repeat(5)));
        assertEquals(8, ClassRun.of("^x\\d{8}", false).length());
    }

    @Test
    void caseInsensitiveClassesHoldBothCasesAndAnyOtherLetter() {
        ClassRun run = ClassRun.of("(?i)[a-f]{8}", false);
        assertTrue(run.occursIn("ABCDEFAB"));
        assertTrue(ClassRun.of("[a-k]{8}", true).occursIn("abcdefg\u212A"), "the Kelvin sign folds to k");
        assertFalse(ClassRun.of("[a-f]{8}", false).occursIn("ABCDEFAB"));
    }

    @Test
    void onlyTopLevelRunsOutsideAlternationsCount() {
        assertNull(ClassRun.of("[a-f]{10}|x", false), "alternation at the top");
        assertNull(ClassRun.of("([0-9]{20})x", false), "inside a group");
        assertNull(ClassRun.of("[a-f]{4}", false), "too short to be worth a pass");
        assertNull(ClassRun.of("\\Q[a-f]{10}\\E", false), "quoted text");
        assertNull(ClassRun.of("[[:alpha:]]{10}", false), "named class");
        assertEquals(12, ClassRun.of("(a|b)[0-9]{12}(?:x|[a-z]{40})", false).length(), "groups are skipped whole");
    }

    /** Whenever RE2/J finds a match, the run is there: the check never stops a value that matches. */
    @Test
    void neverStopsAMatch() {
        List<String> regexes = List.of("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", "[^/]{10,}$", "(?i)[a-c]{9}",
                "[A-F0-9]{8}-[A-F0-9]{4}", "\\w{12}\\.exe", "x[\\s\\d]{8,}y", "[-/a]{8}", "[\\]a]{8}",
                "\\\\[0-9a-f]{8}-", "(?i)\\w{8}", "[^a-c]{8}");
        String alphabet = "abcABC012fF /-\\]_.xy\t\u212A\u017F\u00e9\uD83D\uDE00";
        Random r = new Random(42);
        int matched = 0;
        for (String regex : regexes) {
            for (boolean flag : new boolean[] {false, true}) {
                Pattern p = Pattern.compile(regex, flag ? Pattern.CASE_INSENSITIVE : 0);
                ClassRun run = ClassRun.of(regex, flag);
                for (int i = 0; i < 3000; i++) {
                    StringBuilder b = new StringBuilder();
                    int pieces = 1 + r.nextInt(4);
                    for (int k = 0; k < pieces; k++) {
                        char c = alphabet.charAt(r.nextInt(alphabet.length()));
                        int repeat = r.nextInt(3) == 0 ? 1 + r.nextInt(20) : 1;
                        for (int j = 0; j < repeat; j++) {
                            b.append(r.nextBoolean() ? c : alphabet.charAt(r.nextInt(alphabet.length())));
                        }
                    }
                    String value = b.toString();
                    if (p.matcher(value).find()) {
                        matched++;
                        assertTrue(run == null || run.occursIn(value), regex + " on " + value);
                    }
                }
            }
        }
        assertTrue(matched > 500, "the values exercise matches: " + matched);
    }

    /** The windowed reading answers like counting the run character by character. */
    @Test
    void findsExactlyTheRunsACharacterByCharacterCountFinds() {
        ClassRun run = ClassRun.of("[a-f0-9]{8}", false);
        Random r = new Random(3);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = r.nextInt(40); j > 0; j--) {
                b.append(r.nextInt(6) == 0 ? 'x' : (char) ('a' + r.nextInt(6)));
            }
            String value = b.toString();
            boolean expected = java.util.Arrays.stream(value.split("x")).anyMatch(piece -> piece.length() >= 8);
            assertEquals(expected, run.occursIn(value), value);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 2_000 && found < 18_000, "both answers are exercised: " + found);
    }
}
