package io.detectionhub.library;

/** No rule with this id is stored. */
public class RuleNotFoundException extends RuntimeException {

    private final String ruleId;

    public RuleNotFoundException(String ruleId) {
        super("No rule with id '" + ruleId + "' is stored.");
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}
