package io.detectionhub.library;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A rule with this id is already stored: 409 problem details {@code duplicate-rule} with the {@code ruleId}. */
public class DuplicateRuleException extends ErrorResponseException {

    private final String ruleId;

    public DuplicateRuleException(String ruleId) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "duplicate-rule", "Rule already exists",
                "A rule with id '" + ruleId + "' is already stored; use PUT /api/rules/" + ruleId + " to replace it."),
                null);
        getBody().setProperty("ruleId", ruleId);
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
