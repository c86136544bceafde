package io.detectionhub.library;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No rule with this id is stored: 404 problem details {@code rule-not-found} with the {@code ruleId}. */
public class RuleNotFoundException extends ErrorResponseException {

    private final String ruleId;

    public RuleNotFoundException(String ruleId) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "rule-not-found", "Rule not found",
                "No rule with id '" + ruleId + "' is stored."), null);
        getBody().setProperty("ruleId", ruleId);
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }

    /** The detail alone (pages show it to people). */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
