package io.detectionhub.translate.custom;

/** A write clashes with existing state: the name is taken, a built-in is read-only, or a target is still a base (409). */
public class TargetConflictException extends RuntimeException {

    public TargetConflictException(String message) {
        super(message);
    }
}
