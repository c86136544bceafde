package io.detectionhub.library;

/** The rule changed since the version the client read (If-Match did not match). */
public class RuleVersionConflictException extends RuntimeException {

    public RuleVersionConflictException(String ruleId, long expected, long actual) {
        super("Rule '" + ruleId + "' is at version " + actual + ", not " + expected
                + "; read it again and reapply your change.");
    }
}
