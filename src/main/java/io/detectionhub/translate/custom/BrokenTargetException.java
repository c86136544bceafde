package io.detectionhub.translate.custom;

import java.util.List;

/**
 * A stored user target no longer loads (e.g. a built-in it extends changed): it cannot translate until it is fixed
 * (answered with 422, listing the problems).
 */
public class BrokenTargetException extends RuntimeException {

    private final String targetName;
    private final List<String> problems;

    public BrokenTargetException(String targetName, List<String> problems) {
        super("the target '" + targetName + "' does not load: " + String.join("; ", problems));
        this.targetName = targetName;
        this.problems = List.copyOf(problems);
    }

    public String targetName() {
        return targetName;
    }

    public List<String> problems() {
        return problems;
    }
}
