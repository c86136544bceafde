package io.detectionhub.translate.custom;

/** {@code If-Match} named a version that is no longer the current one (412). */
public class TargetVersionMismatchException extends RuntimeException {

    public TargetVersionMismatchException(String message) {
        super(message);
    }
}
