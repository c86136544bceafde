package io.detectionhub.ruletests;

/**
 * Published inside the write transaction of every change of a rule's test cases; the audit log records it.
 * {@code testId} and {@code name} are those of the case, {@code version} its new version (0 when deleted).
 */
public record RuleTestChanged(Change change, String ruleId, long testId, String name, long version) {

    public enum Change { CREATED, REPLACED, DELETED }
}
