package io.detectionhub.translate.custom;

/** No built-in, generic or user-defined target has this name (answered with 404). */
public class UnknownTargetException extends RuntimeException {

    private final String targetName;

    public UnknownTargetException(String targetName, String message) {
        super(message);
        this.targetName = targetName;
    }

    public String targetName() {
        return targetName;
    }
}
