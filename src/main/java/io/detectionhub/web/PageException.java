package io.detectionhub.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Thrown by page controllers to end a browser request with an error page. The message is shown to the user as is,
 * so it must be written for a person and must not carry internals.
 */
public class PageException extends ResponseStatusException {

    private final String message;

    public PageException(HttpStatus status, String message) {
        super(status, message);
        this.message = message;
    }

    public static PageException notFound(String message) {
        return new PageException(HttpStatus.NOT_FOUND, message);
    }

    public static PageException badRequest(String message) {
        return new PageException(HttpStatus.BAD_REQUEST, message);
    }

    @Override
    public String getMessage() {
        return message;
    }
}
