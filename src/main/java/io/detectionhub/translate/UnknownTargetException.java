package io.detectionhub.translate;

/** No target with this name exists (404). */
public class UnknownTargetException extends RuntimeException {

    private final String target;

    public UnknownTargetException(String target, String known) {
        super("No KQL target named '" + target + "'. Known targets: " + known + ".");
        this.target = target;
    }

    public String target() {
        return target;
    }
}
