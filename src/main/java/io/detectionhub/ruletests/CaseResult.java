package io.detectionhub.ruletests;

import java.util.List;

import io.detectionhub.sigma.evaluation.CorrelationMatch;
import io.detectionhub.sigma.evaluation.MissExplanation;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.SuppressedMatch;

/**
 * The outcome of one test case: {@code passed}, {@code failed} (the rule did not do what the case expects) or
 * {@code error} (the case could not run: unreadable events, a rule that no longer parses, an unknown schema); the
 * message says why in a sentence; the evaluation's explanation comes with it: the rule's matches (what made it fire),
 * its correlation alerts, the events its own detection matched but a tuning exception suppressed (runs use the rule's
 * current exceptions, so a too-broad one fails a must-match case), and for the events it missed, why
 * ({@link MissExplanation}).
 */
public record CaseResult(String ruleId, Long testId, String testName, String expectation, Outcome outcome,
                         String message, List<Long> matchedEvents, List<RuleMatch> matches,
                         List<SuppressedMatch> suppressed, List<CorrelationMatch> alerts,
                         List<MissExplanation> misses, long durationMs) {

    public enum Outcome {
        PASSED, FAILED, ERROR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CaseResult {
        matchedEvents = List.copyOf(matchedEvents);
        matches = List.copyOf(matches);
        suppressed = List.copyOf(suppressed);
        alerts = List.copyOf(alerts);
        misses = List.copyOf(misses);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    static CaseResult error(String ruleId, Long testId, String name, String expectation, String message) {
        return new CaseResult(ruleId, testId, name, expectation, Outcome.ERROR, message, List.of(), List.of(),
                List.of(), List.of(), List.of(), 0);
    }
}
