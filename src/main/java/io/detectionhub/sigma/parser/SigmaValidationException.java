package io.detectionhub.sigma.parser;

import java.util.List;
import java.util.stream.Collectors;

/** A Sigma text is not valid; {@link #problems()} lists every problem found, in document order. */
public class SigmaValidationException extends RuntimeException {

    private final List<SigmaProblem> problems;

    public SigmaValidationException(List<SigmaProblem> problems) {
        super(problems.stream().map(SigmaProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public SigmaValidationException(SigmaProblem problem) {
        this(List.of(problem));
    }

    public List<SigmaProblem> problems() {
        return problems;
    }
}
