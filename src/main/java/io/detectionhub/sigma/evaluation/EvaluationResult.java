package io.detectionhub.sigma.evaluation;

import java.util.List;

/**
 * The outcome of one run: how many rules (detection and correlation) and events were evaluated, the matches (at
 * most {@link RunOptions#maxMatches()}, {@code truncated} tells when more were found), correlation alerts, and
 * problems (rules left out, events without timestamps for correlations...), and when asked
 * ({@link RunOptions#withMissExplanations}) why rules did not fire on events. {@code suppressed} lists the events a
 * rule's own detection matched but an applied filter (a tuning exception) excluded, with the filter that did it (at
 * most {@link RunOptions#maxMatches()} too); they are not among {@code matches} and fed no correlation.
 */
public record EvaluationResult(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                               List<CorrelationMatch> correlations, List<EvaluationProblem> problems,
                               boolean truncated, List<MissExplanation> misses, List<SuppressedMatch> suppressed) {

    public EvaluationResult {
        misses = List.copyOf(misses);
        suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
        matches = List.copyOf(matches);
        correlations = List.copyOf(correlations);
        problems = List.copyOf(problems);
    }

    /** A result without suppressed matches. */
    public EvaluationResult(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                            List<CorrelationMatch> correlations, List<EvaluationProblem> problems, boolean truncated,
                            List<MissExplanation> misses) {
        this(rulesEvaluated, eventsEvaluated, matches, correlations, problems, truncated, misses, List.of());
    }

    /** A result without miss explanations and suppressed matches. */
    public EvaluationResult(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                            List<CorrelationMatch> correlations, List<EvaluationProblem> problems, boolean truncated) {
        this(rulesEvaluated, eventsEvaluated, matches, correlations, problems, truncated, List.of());
    }

    /** The same result with other problems (e.g. problems found before compiling added in front). */
    public EvaluationResult withProblems(List<EvaluationProblem> otherProblems) {
        return new EvaluationResult(rulesEvaluated, eventsEvaluated, matches, correlations, otherProblems, truncated,
                misses, suppressed);
    }
}
