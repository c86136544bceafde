package io.detectionhub.sigma.evaluation.match;

/** A rule cannot be evaluated as written (e.g. a regular expression outside the linear-time subset). */
public class RuleCompilationException extends RuntimeException {

    public RuleCompilationException(String message) {
        super(message);
    }
}
