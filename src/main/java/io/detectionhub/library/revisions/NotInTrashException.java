package io.detectionhub.library.revisions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No deleted rule with this id is in the trash: 404 problem details {@code not-in-trash} with the {@code ruleId}. */
public class NotInTrashException extends ErrorResponseException {

    public NotInTrashException(String ruleId, boolean stored) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "not-in-trash", "Not in the trash",
                stored ? "Rule '" + ruleId + "' is not deleted: it is in the library."
                        : "No deleted rule with id '" + ruleId + "' is in the trash (it may have been restored or "
                        + "purged)."), null);
        getBody().setProperty("ruleId", ruleId);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
