package io.detectionhub.security.apikeys;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A request to create an API key with a bad field: 400 problem details naming it. */
public class ApiKeyRequestInvalid extends ErrorResponseException {

    public ApiKeyRequestInvalid(String detail) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "invalid-api-key-request",
                "Invalid API key request", detail), null);
    }
}
