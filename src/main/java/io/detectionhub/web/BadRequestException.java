package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A request a controller cannot serve as sent (bad parameter, unsupported combination): 400 problem details
 * {@code bad-request} on the API, an error page with this message on pages. The message is written for the person
 * who sent the request.
 */
public class BadRequestException extends ErrorResponseException {

    public BadRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", message), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
