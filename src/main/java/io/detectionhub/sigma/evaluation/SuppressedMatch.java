package io.detectionhub.sigma.evaluation;

/**
 * A rule's own detection matched an event but a filter applied to the rule (a tuning exception) made the whole
 * false: the event is suppressed, not matched, and feeds no correlation. {@code filterId} and {@code filterTitle}
 * name the first applied filter (in the order given) whose condition is false for the event; {@code filterId} is the
 * filter document's id (its name or title when it has none). {@code match} explains the rule's own detection, as a
 * {@link RuleMatch} would, without the filters.
 */
public record SuppressedMatch(String ruleId, String title, String level, long eventIndex, String filterId,
                              String filterTitle, RuleMatch match) {
}
