package io.detectionhub.sigma.evaluation;

/** A rule that could not be evaluated, or something the caller should know about a run, in plain words. */
public record EvaluationProblem(String ruleId, String ruleTitle, String message) {
}
