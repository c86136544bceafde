package io.detectionhub.library.exceptions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** An exception with the document's id exists already: 409 problem details {@code duplicate-exception}. */
public class DuplicateExceptionException extends ErrorResponseException {

    public DuplicateExceptionException(String exceptionId, String ofRule) {
        super(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, "duplicate-exception", "Duplicate exception",
                "An exception with id '" + exceptionId + "' exists already (of rule '" + ofRule + "'): leave 'id' "
                        + "out of the YAML for a new one, or replace that one."), null);
        getBody().setProperty("exceptionId", exceptionId);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
