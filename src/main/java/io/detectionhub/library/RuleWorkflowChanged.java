package io.detectionhub.library;

/**
 * Published (inside its transaction) when a rule's review state changes: {@code action} is {@code submitted},
 * {@code approved}, {@code sent-back}, {@code retired} or {@code reopened}; {@code state} the state after it
 * ({@code draft}, {@code in-review}, {@code approved}, {@code retired}); {@code approvedRevision} the revision that is
 * exported (null when none was approved). Each is a revision of the rule and an audit entry.
 */
public record RuleWorkflowChanged(String ruleId, String action, String state, Integer approvedRevision,
                                  String comment) {
}
