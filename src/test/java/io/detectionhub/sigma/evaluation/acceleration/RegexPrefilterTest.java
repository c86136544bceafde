package io.detectionhub.sigma.evaluation.acceleration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

class RegexPrefilterTest {

    @Test
    void literalIsOneClause() {
        assertEquals(List.of(Set.of("abc")), RegexPrefilter.clauses("abc"));
        assertEquals(3, RegexPrefilter.minimumLength("abc"));
        assertEquals(List.of(Set.of("abc")), RegexPrefilter.clauses("ABC"), "lower-cased");
    }

    @Test
    void alternationInsideConcatenationMultiplies() {
        assertEquals(List.of(Set.of("abd", "acd")), RegexPrefilter.clauses("a(b|c)d"));
        assertEquals(List.of(Set.of("abd", "acd")), RegexPrefilter.clauses("a[bc]d"));
        assertEquals(3, RegexPrefilter.minimumLength("a(b|c)d"));
    }

    @Test
    void optionalRepetitionBreaksAdjacency() {
        assertEquals(List.of(Set.of("yz")), RegexPrefilter.clauses("x*yz"));
        assertEquals(2, RegexPrefilter.minimumLength("x*yz"));
    }

    @Test
    void sigmaStyleRegexKeepsItsLiterals() {
        String regex = "(?i)\\.exe[\"']?\\s+[^\"]{0,64}werfaultsecure\\.exe";
        List<Set<String>> clauses = RegexPrefilter.clauses(regex);
        assertTrue(clauses.contains(Set.of(".exe")), clauses.toString());
        // under (?i), RE2 folds s with U+017F (long s), which lower-casing leaves alone
        assertTrue(clauses.contains(Set.of("werfaultsecure.exe", "werfault\u017fecure.exe")), clauses.toString());
        assertEquals(4 + 1 + 18, RegexPrefilter.minimumLength(regex));
    }

    @Test
    void largeClassGivesNoClauseButCountsLength() {
        assertEquals(List.of(), RegexPrefilter.clauses("\\s[a-fA-F0-9]{64}\\s"));
        assertEquals(66, RegexPrefilter.minimumLength("\\s[a-fA-F0-9]{64}\\s"));
    }

    @Test
    void alternationWithUnconstrainedBranchGivesNoClause() {
        assertEquals(List.of(), RegexPrefilter.clauses("a|.*"));
        assertEquals(0, RegexPrefilter.minimumLength("a|.*"));
        assertEquals(List.of(), RegexPrefilter.clauses("abc|"));
    }

    @Test
    void escapesAndQuotingAreLiterals() {
        assertEquals(List.of(Set.of("abc")), RegexPrefilter.clauses("\\x41\\x{42}c"));
        assertEquals(List.of(Set.of("a.b*c")), RegexPrefilter.clauses("\\Qa.b*c\\E"));
        assertEquals(List.of(Set.of("c:\\temp")), RegexPrefilter.clauses("C:\\\\Temp"));
    }

    @Test
    void unparseableOrUnsupportedGivesNoClause() {
        for (String regex : List.of("a(b", "ab)", "[abc", "abc\\", "(?=abc)", "(?-i)abc", "*abc", "a\\x{zz}b",
                "a{99999999999}b", "")) {
            List<Set<String>> clauses = assertDoesNotThrow(() -> RegexPrefilter.clauses(regex), regex);
            assertEquals(List.of(), clauses, regex);
            int min = assertDoesNotThrow(() -> RegexPrefilter.minimumLength(regex), regex);
            assertEquals(0, min, regex);
        }
    }

    /** A regex and strings it matches, to embed in noise. */
    private record Case(String regex, List<String> samples) {
        Case(String regex, String... samples) {
            this(regex, List.of(samples));
        }
    }

    private static final String HEX64 = "0123456789abcdefABCDEF0123456789abcdef0123456789abcdef0123456789";

    private static final List<Case> CASES = List.of(
            new Case("abc", "abc"),
            new Case("a(b|c)d", "abd", "acd"),
            new Case("x*yz", "yz", "xxxyz"),
            new Case("(?i)\\.exe[\"']?\\s+[^\"]{0,64}werfaultsecure\\.exe",
                    "a.EXE\" -x werfaultsecure.exe", ".exe  WerFaultSecure.EXE"),
            new Case("\\s[a-fA-F0-9]{64}\\s", " " + HEX64 + " "),
            new Case("a|.*", "a", "zz"),
            new Case("(?i)powershell(\\.exe)?\\s+-enc", "PowerShell.exe -enc", "powershell   -ENC"),
            new Case("[Cc]md\\.exe /[ck]", "cmd.exe /c", "Cmd.exe /k"),
            new Case("^abc", "abc"),
            new Case("\\bfoo\\b", " foo ", "foo."),
            new Case("(ab|cd)(ef|gh)+ij", "abefghij", "cdghij"),
            new Case("a{2,3}b{2}", "aabb", "aaabb"),
            new Case("(?i)(?:mimi|kiwi)katz", "MimiKatz", "kiwikatz"),
            new Case("\\x41\\x{42}c", "ABc"),
            new Case("\\Qa.b*c\\E", "a.b*c"),
            new Case("[^abc]xyz[0-9]", "dxyz7", "-xyz0"),
            new Case("(?i)[a-c]{3}q", "ABCq", "cbaQ"),
            new Case("\\d+\\.\\d+\\.\\d+\\.\\d+", "10.0.0.1", "192.168.1.25"),
            new Case("https?://[a-z0-9.-]+/(?:x|y)z", "http://a.b/xz", "https://evil-c2.net/yz"),
            new Case("(a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r)s", "as", "rs", "ks"),
            new Case("\\\\temp\\\\[^\\\\]+\\.(?:dll|exe)$", "\\temp\\x.dll", "\\temp\\a b.exe"),
            new Case("(?P<verb>reg)\\s+add", "reg add", "reg\tadd"),
            new Case(".*evil.*", "evil", "an evil one"),
            new Case("(?i)ab|cd", "AB", "cd"),
            new Case("(?s)a.b", "a\nb", "axb"),
            new Case("a+?b*?c??d", "ad", "aabbcd"),
            new Case("[\\-.]{2}z", "-.z", "..z"),
            new Case("\\x{263a}smile", "\u263asmile"),
            new Case("\u00e9[\u00e9\u00e8]t", "\u00e9\u00e8t"),
            new Case("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij",
                    "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"),
            new Case("(abc|abd|abe|abf|abg)(x|y|z|w)", "abcx", "abgw"),
            new Case("(?i)x{3}(yz){2,}", "xxxyzyz", "XXXYZYZYZ"),
            new Case("\\t\\n?q[\\t ]", "\tq ", "\t\nq\t"));

    private static final String NOISE = "abcdxyzqs .-\\/:0123456789\"'\tABCXYZ\u00e9\u0161";

    private static String noise(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(NOISE.charAt(r.nextInt(NOISE.length())));
        }
        return b.toString();
    }

    @Test
    void samplesMatchTheirRegexes() {
        for (Case c : CASES) {
            Pattern p = Pattern.compile(c.regex());
            for (String sample : c.samples()) {
                assertTrue(p.matcher(sample).find(), c.regex() + " should match " + sample);
            }
        }
    }

    @Test
    void everyMatchHoldsEveryClauseAndMinimumLength() {
        Random r = new Random(0xF11_7E4L);
        int total = 0;
        int constrained = 0;
        for (Case c : CASES) {
            Pattern pattern = Pattern.compile(c.regex());
            List<Set<String>> clauses = RegexPrefilter.clauses(c.regex());
            int min = RegexPrefilter.minimumLength(c.regex());
            for (Set<String> clause : clauses) {
                assertTrue(!clause.isEmpty(), c.regex() + ": empty clause in " + clauses);
                for (String s : clause) {
                    assertEquals(s.toLowerCase(Locale.ROOT), s, c.regex() + ": clause not lower-cased");
                }
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String sample = c.samples().get(r.nextInt(c.samples().size()));
                texts.add(switch (i % 6) {
                    case 0 -> noise(r, 12);
                    case 1 -> sample;
                    case 2 -> noise(r, 10) + sample + noise(r, 10);
                    case 3 -> noise(r, 10) + sample;
                    case 4 -> sample + noise(r, 10);
                    default -> noise(r, 6) + sample + noise(r, 4) + c.samples().get(0) + noise(r, 6);
                });
            }
            int matched = 0;
            for (String text : texts) {
                Matcher m = pattern.matcher(text);
                if (!m.find()) {
                    continue;
                }
                matched++;
                String lowerText = text.toLowerCase(Locale.ROOT);
                String lowerMatch = m.group().toLowerCase(Locale.ROOT);
                for (Set<String> clause : clauses) {
                    assertTrue(clause.stream().anyMatch(lowerText::contains),
                            c.regex() + ": text '" + text + "' holds none of " + clause);
                    assertTrue(clause.stream().anyMatch(lowerMatch::contains),
                            c.regex() + ": match '" + m.group() + "' holds none of " + clause);
                }
                assertTrue(m.group().length() >= min,
                        c.regex() + ": match '" + m.group() + "' shorter than minimum " + min);
            }
            assertTrue(matched >= 130, c.regex() + ": only " + matched + " texts matched");
            total += matched;
            if (!clauses.isEmpty()) {
                constrained += matched;
            }
        }
        assertTrue(total >= 150 * CASES.size(), "matches checked: " + total);
        assertTrue(constrained >= 150 * 25, "matches checked against clauses: " + constrained);
    }

    /**
     * an octal escape is read as "any" followed by literal digits, so {@code \123} (the letter
     * S in RE2) gives the clause [23] and minimum length 2; a value "S" is never searched.
     */
    @Test
    void octalEscapeIsNotLiteralDigits() {
        assertTrue(Pattern.compile("\\123").matcher("S").find());
        assertTrue(RegexPrefilter.minimumLength("\\123") <= 1, "min " + RegexPrefilter.minimumLength("\\123"));
        assertTrue(RegexPrefilter.clauses("\\123").stream().allMatch(c -> c.stream().anyMatch("s"::contains)),
                RegexPrefilter.clauses("\\123").toString());
    }

    /**
     * a literal whose lower case is longer (U+0130 becomes "i" and a combining dot) counts two
     * characters towards the minimum length, which RegexMatch compares with the original value's length.
     */
    @Test
    void minimumLengthCountsOriginalCharacters() {
        assertTrue(Pattern.compile("\u0130").matcher("\u0130").find());
        assertEquals(1, RegexPrefilter.minimumLength("\u0130"));
    }

    /**
     * RE2's (?i) folds s with U+017F (long s) and sigma with final sigma, which lower-casing
     * does not, so the clause [s] misses the match "\u017f".
     */
    @Test
    void caseFoldingVariantsHoldTheClause() {
        assertTrue(Pattern.compile("(?i)s").matcher("\u017f").find());
        assertTrue(RegexPrefilter.clauses("(?i)s").stream()
                .allMatch(c -> c.stream().anyMatch("\u017f".toLowerCase(Locale.ROOT)::contains)));
    }

    /**
     * RE2J rejects these regexes before RegexMatch asks, but a direct caller must not hang: a
     * missing closing character makes {@code pos = indexOf(..) + 1} restart the parse at 0, so {@code (?<!x)abc}
     * recurses until StackOverflowError (an Error, not caught by analyse) and {@code [\p{L]abc} loops forever.
     */
    @Test
    void missingClosingCharacterGivesNoClause() {
        for (String regex : List.of("(?<!x)abc", "(?<=x)abc", "[\\p{L]abc", "a\\p{Lb")) {
            List<Set<String>> clauses = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> RegexPrefilter.clauses(regex), regex);
            assertEquals(List.of(), clauses, regex);
        }
    }
}
