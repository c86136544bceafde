package io.detectionhub.library.exceptions;

import io.detectionhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.Map;

/**
 * An exception's fields (reason, title, ticket, expiry) are not acceptable: 400 problem details
 * {@code invalid-exception}, the field in {@code errors[0].path}. Problems of the YAML are
 * {@link io.detectionhub.sigma.parser.SigmaValidationException}s (400 {@code invalid-sigma}, with lines).
 */
public class InvalidExceptionException extends ErrorResponseException {

    private final String field;

    public InvalidExceptionException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, "invalid-exception", "Invalid exception",
                message), null);
        this.field = field;
        getBody().setProperty("errors", List.of(Map.of("message", message, "line", 0, "column", 0, "path", field)));
    }

    /** The request field at fault ({@code reason}, {@code expires}...). */
    public String field() {
        return field;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
