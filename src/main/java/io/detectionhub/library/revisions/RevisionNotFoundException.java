package io.detectionhub.library.revisions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The rule has no such revision: 404 problem details {@code revision-not-found} with {@code ruleId}, {@code revision}. */
public class RevisionNotFoundException extends ErrorResponseException {

    public RevisionNotFoundException(String ruleId, int number, int latest) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "revision-not-found", "Revision not found",
                "Rule '" + ruleId + "' has no revision " + number + (latest > 0 ? "; its revisions are 1 to "
                        + latest + "." : "; it has no revision at all.")), null);
        getBody().setProperty("ruleId", ruleId);
        getBody().setProperty("revision", number);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
