package io.detectionhub.sigma.kql.target;

import java.util.List;

/** A target definition is not valid; {@link #problems()} lists every problem found, each naming where it is. */
public class TargetDefinitionException extends RuntimeException {

    private final List<String> problems;

    public TargetDefinitionException(List<String> problems) {
        super("Invalid target definition: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
