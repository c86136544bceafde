package io.detectionhub.evaluate.web;

import java.util.List;

/**
 * An evaluation result as the evaluate page shows it; {@code exceptionsIgnored}: stored rules ran without their tuning
 * exceptions.
 */
public record EvaluationView(int rulesEvaluated, long eventsEvaluated, List<Match> matches, int matchesNotShown,
                             List<Suppressed> suppressed, int suppressedNotShown, boolean exceptionsIgnored,
                             List<Correlation> correlations, List<String> problems, boolean truncated,
                             List<io.detectionhub.sigma.evaluation.MissExplanation> misses) {

    /**
     * One rule firing on one event; {@code stored} tells whether the rule can be linked to; {@code suppress} is the
     * exception drafted from the event for "Suppress matches like this" (null: not offered).
     */
    public record Match(String ruleId, String ruleTitle, String level, boolean stored, long eventNumber,
                        List<String> matchedSelections, List<Field> fields, List<EventField> event,
                        SuppressDraft suppress) {
    }

    /** The filter document (YAML) and title the "Suppress matches like this" form posts. */
    public record SuppressDraft(String title, String yaml) {
    }

    /**
     * A rule whose own detection matched the event, suppressed by a filter: {@code exceptionId} is set when that
     * filter is a stored tuning exception of the rule (then the rule's Exceptions tab is linked).
     */
    public record Suppressed(String ruleId, String ruleTitle, String level, boolean stored, long eventNumber,
                             String filterTitle, String exceptionId, List<String> matchedSelections,
                             List<Field> fields) {
    }

    /** A matched field with the value split around the part the pattern matched. */
    public record Field(String field, String before, String hit, String after, String modifiers, String pattern) {
    }

    /** One field of the matching event; {@code matched} marks the fields the rule looked at. */
    public record EventField(String name, String value, boolean matched) {
    }

    public record Correlation(String ruleId, String ruleTitle, String level, String type, String groupBy,
                              List<Long> eventNumbers, String firstTimestamp, String lastTimestamp, long count) {
    }
}
