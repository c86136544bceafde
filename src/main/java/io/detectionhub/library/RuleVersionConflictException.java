package io.detectionhub.library;

import io.detectionhub.web.ETags;
import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The rule changed since the version the client read (If-Match or the editor's version did not match): 412
 * {@code version-conflict}, with the current version in {@code currentVersion} and the {@code ETag} header, and who
 * changed it in {@code changedBy} when that is known.
 */
public class RuleVersionConflictException extends ErrorResponseException {

    private final String ruleId;
    private final long currentVersion;
    private final String changedBy;

    public RuleVersionConflictException(String ruleId, long expected, long current, String changedBy) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, "version-conflict",
                "Rule changed meanwhile", "Rule '" + ruleId + "' was changed" + (changedBy == null ? "" : " by "
                        + changedBy) + " since version " + expected + " was read: it is at version " + current
                        + ". Read it again and reapply your change."), null);
        this.ruleId = ruleId;
        this.currentVersion = current;
        this.changedBy = changedBy;
        getBody().setProperty("ruleId", ruleId);
        getBody().setProperty("currentVersion", current);
        if (changedBy != null) {
            getBody().setProperty("changedBy", changedBy);
        }
        getHeaders().setETag(ETags.of(current));
    }

    public String ruleId() {
        return ruleId;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /** The principal who wrote the current version, or null when unknown. */
    public String changedBy() {
        return changedBy;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
