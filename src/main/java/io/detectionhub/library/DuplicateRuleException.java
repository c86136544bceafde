package io.detectionhub.library;

/** A rule with this id is already stored. */
public class DuplicateRuleException extends RuntimeException {

    private final String ruleId;

    public DuplicateRuleException(String ruleId) {
        super("A rule with id '" + ruleId + "' is already stored; use PUT /api/rules/" + ruleId + " to replace it.");
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}
