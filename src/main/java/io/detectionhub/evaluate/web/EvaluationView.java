package io.detectionhub.evaluate.web;

import java.util.List;

/** An evaluation result as the evaluate page shows it. */
public record EvaluationView(int rulesEvaluated, long eventsEvaluated, List<Match> matches, int matchesNotShown,
                             List<Correlation> correlations, List<String> problems, boolean truncated,
                             List<io.detectionhub.sigma.evaluation.MissExplanation> misses) {

    /** One rule firing on one event; {@code stored} tells whether the rule can be linked to. */
    public record Match(String ruleId, String ruleTitle, String level, boolean stored, long eventNumber,
                        List<String> matchedSelections, List<Field> fields, List<EventField> event) {
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
