package io.detectionhub.library.exceptions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The rule has no exception with this id: 404 problem details {@code exception-not-found}. */
public class ExceptionNotFoundException extends ErrorResponseException {

    public ExceptionNotFoundException(String ruleId, String exceptionId) {
        super(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND, "exception-not-found", "Exception not found",
                "Rule '" + ruleId + "' has no exception with id '" + exceptionId + "'."), null);
        getBody().setProperty("ruleId", ruleId);
        getBody().setProperty("exceptionId", exceptionId);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
