package io.detectionhub.ruletests;

import io.detectionhub.web.ETags;
import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The test case changed since the version the client read: 412 {@code version-conflict} with the current version. */
public class RuleTestVersionConflictException extends ErrorResponseException {

    public RuleTestVersionConflictException(String ruleId, long testId, long expected, long current, String by) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, "version-conflict",
                "Test case changed meanwhile", "Test case " + testId + " of rule '" + ruleId + "' was changed"
                        + (by == null ? "" : " by " + by) + " since version " + expected + " was read: it is at version "
                        + current + ". Read it again and reapply your change."), null);
        getBody().setProperty("currentVersion", current);
        getHeaders().setETag(ETags.of(current));
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
