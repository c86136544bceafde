package io.detectionhub.library.exceptions;

import io.detectionhub.web.ETags;
import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The exception changed since the version the client read: 412 {@code version-conflict} with {@code currentVersion}
 * and the current {@code ETag}.
 */
public class ExceptionVersionConflictException extends ErrorResponseException {

    public ExceptionVersionConflictException(String exceptionId, long expected, long current) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.of(HttpStatus.PRECONDITION_FAILED, "version-conflict",
                "Exception changed meanwhile", "Exception '" + exceptionId + "' was changed since version " + expected
                        + " was read: it is at version " + current + ". Read it again and reapply your change."),
                null);
        getBody().setProperty("exceptionId", exceptionId);
        getBody().setProperty("currentVersion", current);
        getHeaders().setETag(ETags.of(current));
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
