package io.detectionhub.ruletests;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No such test case for this rule: 404 {@code rule-test-not-found}. */
public class RuleTestNotFoundException extends ErrorResponseException {

    public RuleTestNotFoundException(String ruleId, long testId) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "rule-test-not-found", "Test case not found",
                "Rule '" + ruleId + "' has no test case " + testId + "."), null);
        getBody().setProperty("ruleId", ruleId);
        getBody().setProperty("testId", testId);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
