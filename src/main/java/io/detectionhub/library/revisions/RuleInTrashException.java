package io.detectionhub.library.revisions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The rule is deleted (in the trash), so it cannot be reverted: 409 problem details {@code rule-in-trash}. */
public class RuleInTrashException extends ErrorResponseException {

    public RuleInTrashException(String ruleId) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "rule-in-trash", "Rule is in the trash",
                "Rule '" + ruleId + "' is deleted; restore it first (POST /api/trash/" + ruleId + "/restore), then "
                        + "revert it."), null);
        getBody().setProperty("ruleId", ruleId);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
