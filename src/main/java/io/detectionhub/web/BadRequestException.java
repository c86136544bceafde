package io.detectionhub.web;

/** A request a controller cannot serve as sent (bad parameter, unsupported combination): 400 problem details. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
