package io.detectionhub.library.workflow;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A review step that cannot be taken: 409 problem details {@code review-refused} (the step does not fit the state,
 * or the step needs a comment) or {@code four-eyes} (the approver is the rule's last author).
 */
public class ReviewRefusedException extends ErrorResponseException {

    public ReviewRefusedException(String type, String title, String detail) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, type, title, detail), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
