package io.detectionhub.library.exceptions;

/**
 * Published (inside its transaction) when an exception of a rule is {@code created}, {@code replaced} or
 * {@code deleted}; the audit log records it and the rule gets a revision ({@code exceptions-changed}).
 */
public record RuleExceptionChanged(String ruleId, String exceptionId, String action, String comment) {
}
