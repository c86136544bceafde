package io.detectionhub.ruletests;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.EvaluationSettings;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.sigma.evaluation.CorrelationMatch;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.MissExplanation;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.SuppressedMatch;
import io.detectionhub.sigma.evaluation.event.EventFormatException;
import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.detectionhub.sigma.parser.SigmaValidationException;
import org.springframework.web.ErrorResponseException;

/**
 * Runs test cases of one rule through the evaluation (the same engine, settings and event readers as
 * {@code POST /api/evaluate}), with misses explained, and judges each against its expectation. The rule is compiled
 * once per schema the cases use. The rule runs with its current tuning exceptions (the evaluation applies a stored
 * rule's active exceptions, and an edited text's when {@link RuleSelection.Yaml#exceptionsOf()} names the rule), so
 * a too-broad exception turns a must-match case red, and the result says which exception suppressed the event.
 */
final class CaseRunner {

    private final EvaluationService evaluation;
    private final RuleSelection selection;
    private final String ruleId;
    private final Map<String, Object> compiled = new HashMap<>();

    /**
     * @param selection the rule as stored ({@link RuleSelection.Ids}) or as edited ({@link RuleSelection.Yaml})
     * @param ruleId    the id its matches and alerts carry
     */
    CaseRunner(EvaluationService evaluation, RuleSelection selection, String ruleId) {
        this.evaluation = evaluation;
        this.selection = selection;
        this.ruleId = ruleId;
    }

    CaseResult run(Long testId, RuleTestDraft c) {
        long start = System.nanoTime();
        String expected = c.expectation().describe();
        EvaluationSettings settings = EvaluationSettings.NONE.withSchema(c.schema()).withExplainMisses(true);
        EvaluationResult result;
        try {
            EvaluationService.CompiledSelection rule = compile(settings);
            EventReaders.Format format = switch (c.format()) {
                case "json" -> EventReaders.Format.JSON;
                case "ndjson" -> EventReaders.Format.NDJSON;
                case "csv" -> EventReaders.Format.CSV;
                default -> null;
            };
            byte[] bytes = c.events().getBytes(StandardCharsets.UTF_8);
            try (EventReader reader = format == null
                    ? EventReaders.open(new ByteArrayInputStream(bytes), (String) null, evaluation.limits())
                    : EventReaders.open(new ByteArrayInputStream(bytes), format, evaluation.limits())) {
                result = evaluation.evaluate(rule, reader, settings);
            }
        } catch (SigmaValidationException e) {
            return CaseResult.error(ruleId, testId, c.name(), expected, "The rule is not valid Sigma: "
                    + e.getMessage());
        } catch (EventFormatException | EventLimitExceededException e) {
            return CaseResult.error(ruleId, testId, c.name(), expected, "The events could not be read: "
                    + e.getMessage());
        } catch (ErrorResponseException e) {
            return CaseResult.error(ruleId, testId, c.name(), expected, e.getBody().getDetail());
        } catch (RuntimeException e) {
            return CaseResult.error(ruleId, testId, c.name(), expected, "The case could not run: " + e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return judge(testId, c, expected, result, ms);
    }

    private EvaluationService.CompiledSelection compile(EvaluationSettings settings) {
        String key = Objects.toString(settings.schema(), "");
        Object c = compiled.get(key);
        if (c instanceof RuntimeException e) {
            throw e;
        }
        if (c == null) {
            try {
                c = evaluation.compile(selection, settings);
            } catch (RuntimeException e) {
                compiled.put(key, e);
                throw e;
            }
            compiled.put(key, c);
        }
        return (EvaluationService.CompiledSelection) c;
    }

    private static String suppressedBy(SuppressedMatch s) {
        return "suppressed by exception " + s.filterTitle();
    }

    private CaseResult judge(Long testId, RuleTestDraft c, String expected, EvaluationResult result, long ms) {
        List<RuleMatch> matches = result.matches().stream().filter(m -> ruleId.equals(m.ruleId())).toList();
        List<Long> matched = matches.stream().map(m -> m.eventIndex() + 1).distinct().sorted().toList();
        List<SuppressedMatch> suppressed = result.suppressed().stream().filter(s -> ruleId.equals(s.ruleId()))
                .toList();
        Map<Long, SuppressedMatch> suppressedEvents = new java.util.TreeMap<>();
        suppressed.forEach(s -> suppressedEvents.putIfAbsent(s.eventIndex() + 1, s));
        List<CorrelationMatch> alerts = result.correlations().stream().filter(a -> ruleId.equals(a.ruleId()))
                .toList();
        List<MissExplanation> misses = result.misses();
        Expectation x = c.expectation();
        List<String> failures = new ArrayList<>();
        String passMessage;
        if (result.eventsEvaluated() == 0) {
            return CaseResult.error(ruleId, testId, c.name(), expected, "The test case holds no events");
        }
        if (result.rulesEvaluated() == 0 || result.problems().stream().anyMatch(p -> ruleId.equals(p.ruleId())
                && p.message() != null && !p.message().contains("not explained"))) {
            String why = result.problems().stream().map(p -> p.message()).findFirst().orElse("nothing to run");
            return CaseResult.error(ruleId, testId, c.name(), expected, "The rule could not be evaluated: " + why);
        }
        switch (x.kind()) {
            case MATCH -> {
                int need = x.atLeast() == null ? 1 : x.atLeast();
                if (matches.size() < need) {
                    failures.add("expected at least " + need + (need == 1 ? " match" : " matches") + ", got "
                            + matches.size() + " over " + result.eventsEvaluated() + " events");
                }
                for (Integer n : x.events()) {
                    if (!matched.contains((long) n)) {
                        SuppressedMatch s = suppressedEvents.get((long) n);
                        failures.add("event #" + n + (n > result.eventsEvaluated() ? " does not exist"
                                : s != null ? " was " + suppressedBy(s) : " did not match"));
                    }
                }
                if (!failures.isEmpty() && x.events().isEmpty() && !suppressedEvents.isEmpty()) {
                    failures.add(suppressedEvents.entrySet().stream().limit(5)
                            .map(e -> "event #" + e.getKey() + " " + suppressedBy(e.getValue()))
                            .collect(java.util.stream.Collectors.joining("; "))
                            + (suppressedEvents.size() > 5 ? " (and " + (suppressedEvents.size() - 5) + " more)" : ""));
                }
                if (!failures.isEmpty()) {
                    misses.stream().filter(m -> ruleId.equals(m.ruleId())).findFirst()
                            .ifPresent(m -> failures.add("event #" + (m.eventIndex() + 1) + ": " + (m.routed()
                                    ? "routed away: " + m.routedAway() : String.join("; ", m.blame()))));
                }
                passMessage = matches.size() + (matches.size() == 1 ? " match" : " matches") + " (events "
                        + matched + ")";
            }
            case NO_MATCH -> {
                if (!matches.isEmpty()) {
                    RuleMatch first = matches.get(0);
                    failures.add("matched " + matched.size() + " of " + result.eventsEvaluated() + " events (first: "
                            + "event #" + (first.eventIndex() + 1) + ", by " + String.join(", ",
                            first.matchedSelections()) + ")");
                }
                if (!alerts.isEmpty()) {
                    failures.add("raised " + alerts.size() + " correlation alerts");
                }
                passMessage = "no match over " + result.eventsEvaluated() + " events";
            }
            default -> {
                if (x.alerts().isEmpty() && alerts.isEmpty()) {
                    failures.add("expected an alert, got none");
                }
                for (Expectation.ExpectedAlert want : x.alerts()) {
                    boolean found = alerts.stream().anyMatch(a -> want.groupBy().entrySet().stream()
                            .allMatch(e -> e.getValue().equals(a.groupBy().get(e.getKey())))
                            && (want.count() == null || want.count() == a.count()));
                    if (!found) {
                        failures.add("no alert for " + want.groupBy() + (want.count() == null ? ""
                                : " counting " + want.count()) + "; alerts: " + alerts.stream()
                                .map(a -> a.groupBy() + " x" + a.count()).toList());
                    }
                }
                passMessage = alerts.size() + " alerts: " + alerts.stream().map(a -> a.groupBy() + " x" + a.count())
                        .toList();
            }
        }
        boolean pass = failures.isEmpty();
        return new CaseResult(ruleId, testId, c.name(), expected, pass ? CaseResult.Outcome.PASSED
                : CaseResult.Outcome.FAILED, pass ? passMessage : String.join("; ", failures), matched, matches,
                suppressed, alerts, x.kind() == Expectation.Kind.MATCH || !pass ? misses : List.of(), ms);
    }
}
