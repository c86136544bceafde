package io.detectionhub.sigma.evaluation;

import java.util.List;

/**
 * The outcome of one run: how many rules (detection and correlation) and events were evaluated, the matches (at
 * most {@link RunOptions#maxMatches()}, {@code truncated} tells when more were found), correlation alerts, and
 * problems (rules left out, events without timestamps for correlations...), and when asked
 * ({@link RunOptions#withMissExplanations}) why rules did not fire on events.
 */
public record EvaluationResult(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                               List<CorrelationMatch> correlations, List<EvaluationProblem> problems,
                               boolean truncated, List<MissExplanation> misses) {

    public EvaluationResult {
        misses = List.copyOf(misses);
        matches = List.copyOf(matches);
        correlations = List.copyOf(correlations);
        problems = List.copyOf(problems);
    }

    /** A result without miss explanations. */
    public EvaluationResult(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                            List<CorrelationMatch> correlations, List<EvaluationProblem> problems, boolean truncated) {
        this(rulesEvaluated, eventsEvaluated, matches, correlations, problems, truncated, List.of());
    }
}
