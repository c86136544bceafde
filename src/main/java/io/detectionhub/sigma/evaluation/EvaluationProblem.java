package io.detectionhub.sigma.evaluation;

import io.detectionhub.sigma.model.SigmaDocument;

/** A rule that could not be evaluated, or something the caller should know about a run, in plain words. */
public record EvaluationProblem(String ruleId, String ruleTitle, String message) {

    /** A problem of one document, named by its id (or name, or title). */
    static EvaluationProblem of(SigmaDocument d, String message) {
        return new EvaluationProblem(CompiledRule.displayId(d.metadata().id(), d.metadata().name(),
                d.metadata().title()), d.metadata().title(), message);
    }
}
