package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A change of a versioned resource came without {@code If-Match}: 428 problem details {@code precondition-required}
 * (see {@link ETags}).
 */
public class PreconditionRequiredException extends ErrorResponseException {

    public PreconditionRequiredException() {
        super(HttpStatus.PRECONDITION_REQUIRED, Problems.of(HttpStatus.PRECONDITION_REQUIRED,
                "precondition-required", "If-Match required",
                "Changing this resource needs an If-Match header: the ETag of the version you read (from the GET, "
                        + "POST or PUT that returned it), so that a change made meanwhile is not overwritten, or "
                        + "If-Match: * to replace or delete whatever version is stored."), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
