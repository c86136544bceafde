package io.detectionhub.library;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The rule changed since the version the client read (If-Match did not match): 412 {@code version-conflict}. */
public class RuleVersionConflictException extends ErrorResponseException {

    public RuleVersionConflictException(String ruleId, long expected, long actual) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, "version-conflict",
                "Rule changed meanwhile", "Rule '" + ruleId + "' is at version " + actual + ", not " + expected
                        + "; read it again and reapply your change."), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
