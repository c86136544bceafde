package io.detectionhub.sigma.evaluation.event;

/** The events could not be read (malformed JSON or CSV); the message says where. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventFormatException(String message) {
        super(message);
    }
}
