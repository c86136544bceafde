package io.detectionhub.evaluate.web;

import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.sigma.evaluation.CorrelationMatch;
import io.detectionhub.sigma.evaluation.EvaluationProblem;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.MissExplanation;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.SuppressedMatch;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An evaluation as the API answers it: the engine's result, with each suppressed match naming the tuning exception
 * that suppressed it (and where to read or change it). {@code exceptions}: {@code applied} or {@code ignored}
 * (the request's {@code exceptions=ignore}).
 */
public record EvaluationResponse(int rulesEvaluated, long eventsEvaluated, List<RuleMatch> matches,
                                 List<Suppressed> suppressed, List<CorrelationMatch> correlations,
                                 List<EvaluationProblem> problems, boolean truncated, List<MissExplanation> misses,
                                 String exceptions) {

    /**
     * A rule's own detection matched the event, and an applied filter made it false. {@code exception} is the
     * stored tuning exception that did it, null when the filter was not one (a filter pasted with the rule, or a
     * filter document stored in the library).
     */
    public record Suppressed(String ruleId, String title, String level, long eventIndex, String filterId,
                             String filterTitle, ExceptionRef exception, RuleMatch match) {
    }

    /** A tuning exception: {@code url} its API resource, {@code page} the rule page's Exceptions tab. */
    public record ExceptionRef(String id, String ruleId, String title, String reason, LocalDate expires,
                               String ticket, String url, String page) {

        static ExceptionRef of(RuleException e) {
            return new ExceptionRef(e.id(), e.ruleId(), e.title(), e.reason(), e.expires(), e.ticket(),
                    "/api/rules/" + e.ruleId() + "/exceptions/" + e.id(), "/rules/" + e.ruleId() + "/exceptions");
        }
    }

    /**
     * @param exceptionsApplied whether the evaluation ran stored rules with their exceptions
     * @param find              the stored exception of a rule by id, if there is one
     */
    static EvaluationResponse of(EvaluationResult result, boolean exceptionsApplied,
                                 BiFunction<String, String, Optional<RuleException>> find) {
        Map<String, Optional<ExceptionRef>> known = new HashMap<>();
        List<Suppressed> suppressed = result.suppressed().stream().map(s -> suppressed(s, known.computeIfAbsent(
                s.ruleId() + "\n" + s.filterId(), k -> s.ruleId() == null || s.filterId() == null ? Optional.empty()
                        : find.apply(s.ruleId(), s.filterId()).map(ExceptionRef::of)).orElse(null))).toList();
        return new EvaluationResponse(result.rulesEvaluated(), result.eventsEvaluated(), result.matches(), suppressed,
                result.correlations(), result.problems(), result.truncated(), result.misses(),
                exceptionsApplied ? "applied" : "ignored");
    }

    private static Suppressed suppressed(SuppressedMatch s, ExceptionRef exception) {
        return new Suppressed(s.ruleId(), s.title(), s.level(), s.eventIndex(), s.filterId(), s.filterTitle(),
                exception, s.match());
    }
}
