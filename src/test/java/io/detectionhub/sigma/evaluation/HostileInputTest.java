package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.fires;
import static io.detectionhub.sigma.evaluation.Sigma.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SigmaString;

/** Rules and events built to make a naive engine hang or blow up. */
class HostileInputTest {

    @Test
    void catastrophicRegexOnALongStringFinishesPromptly() {
        EvaluationEngine e = engine(rule("CommandLine|re: '(a+)+$'"));
        String evil = "a".repeat(100_000) + "!";
        // a backtracking engine needs 2^100000 steps here; RE2 is linear
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertFalse(fires(e, "{\"CommandLine\":\"" + evil + "\"}")));
        assertTrue(fires(e, "{\"CommandLine\":\"" + "a".repeat(100_000) + "\"}"));
    }

    @Test
    void regexFeaturesOutsideTheLinearSubsetAreReportedNotRun() {
        // the parser refuses this too; the engine must not depend on it
        EvaluationEngine e = EvaluationEngine.compile(java.util.List.of(Model.rule(new DetectionItem("CommandLine",
                java.util.List.of(Modifier.RE), java.util.List.of(SigmaString.literal("(a)\\1"))))),
                EvaluationOptions.DEFAULT);
        assertEquals(0, e.rulesEvaluated());
        assertTrue(e.problems().get(0).message().contains("not supported"), e.problems().toString());
    }

    @Test
    void manyWildcardsOnALongValueStayBounded() {
        EvaluationEngine e = engine(rule("CommandLine: '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b'"));
        String value = "a".repeat(50_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertFalse(fires(e, "{\"CommandLine\":\"" + value + "\"}")));
    }

    @Test
    void windashBeforeAnEncodingIsBoundedNotExpandedWithoutLimit() {
        String flags = " -a -b -c -d -e -f -g -h";
        EvaluationEngine e = EvaluationEngine.compile(java.util.List.of(Model.rule(new DetectionItem("CommandLine",
                java.util.List.of(Modifier.WINDASH, Modifier.BASE64OFFSET, Modifier.CONTAINS),
                java.util.List.of(SigmaString.literal(flags))))), EvaluationOptions.DEFAULT);
        assertEquals(0, e.rulesEvaluated(), "5^8 * 3 patterns are refused");
        assertTrue(e.problems().get(0).message().contains("256"), e.problems().toString());
        EvaluationEngine plain = engine(rule("CommandLine|windash|contains: '" + flags + "'"));
        assertEquals(1, plain.rulesEvaluated(), "without an encoding windash is one pattern");
        assertTrue(fires(plain, "{\"CommandLine\":\"x /a -b /c \u2013d /e -f /g -h\"}"));
    }

    @Test
    void placeholderExpansionIsBounded() {
        java.util.List<String> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "v" + i).toList();
        EvaluationEngine e = engine(rule("X|expand: '%a%-%b%'"), EvaluationOptions.DEFAULT.withPlaceholders(
                java.util.Map.of("a", many, "b", many)));
        assertEquals(0, e.rulesEvaluated());
        assertFalse(e.problems().isEmpty());
    }
}
