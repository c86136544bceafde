package io.detectionhub.sigma.kql;

/**
 * A rule cannot be translated for a target: no table for its logsource, a field without mapping, or a construct with
 * no KQL equivalent. {@link #reason()} names it (the API answers 422 with it); no query is ever produced instead.
 */
public class UntranslatableRuleException extends RuntimeException {

    private final String reason;

    public UntranslatableRuleException(String reason) {
        // refusals are expected results, not faults: no stack trace (a corpus run refuses thousands)
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The reason without rule-specific values (field names, values), for counting refusals by kind. */
    public String category() {
        return reason.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    }
}
