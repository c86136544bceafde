package io.detectionhub.attack.coverage.atomic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.atomic.simulation.SimulatedEvent;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.EventResult;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.FiringRule;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Status;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TestResult;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaDocument;

/**
 * Runs the library (a compiled {@link EvaluationEngine}) against the process-creation events each Atomic test
 * would produce, and reports which rules fire for which test. Events are evaluated in one run per product, with the
 * logsource hint {@code process_creation/<product>} (Sysmon events also identify themselves by channel).
 */
public final class AtomicCoverageChecker {

    /** A test of a technique to check. */
    public record TestRef(String techniqueId, AtomicTest test) {
    }

    private final EvaluationEngine engine;
    private final Map<String, Set<String>> techniquesByRule;
    private final AtomicSimulationCache simulations;

    /**
     * @param documents the documents the engine was compiled from: their {@code attack.t*} tags tell which firing
     *                  rules are tagged for the test's technique
     */
    public AtomicCoverageChecker(EvaluationEngine engine, Collection<? extends SigmaDocument> documents) {
        this(engine, documents, new AtomicSimulationCache());
    }

    public AtomicCoverageChecker(EvaluationEngine engine, Collection<? extends SigmaDocument> documents,
                                 AtomicSimulationCache simulations) {
        this.engine = engine;
        this.simulations = simulations;
        this.techniquesByRule = new HashMap<>();
        for (SigmaDocument d : documents) {
            String id = d.metadata().id() != null ? d.metadata().id()
                    : d.metadata().name() != null ? d.metadata().name() : d.metadata().title();
            Set<String> ids = new HashSet<>();
            d.metadata().parsedTags().forEach(t -> t.attackTechniqueId().ifPresent(ids::add));
            techniquesByRule.merge(id, ids, (a, b) -> {
                Set<String> all = new HashSet<>(a);
                all.addAll(b);
                return all;
            });
        }
    }

    /** True when the rule is tagged with the technique, its parent or one of its sub-techniques. */
    boolean taggedFor(String ruleId, String techniqueId) {
        Set<String> tagged = techniquesByRule.getOrDefault(ruleId, Set.of());
        String parent = techniqueId.contains(".") ? techniqueId.substring(0, techniqueId.indexOf('.')) : techniqueId;
        for (String t : tagged) {
            if (t.equals(techniqueId) || t.equals(parent) || t.startsWith(techniqueId + ".")) {
                return true;
            }
        }
        return false;
    }

    public List<TestResult> check(List<TestRef> tests) {
        List<AtomicSimulationCache.Simulated> simulated = new ArrayList<>();
        Map<String, List<int[]>> positionsByProduct = new LinkedHashMap<>();
        Map<String, List<Event>> eventsByProduct = new LinkedHashMap<>();
        List<List<List<FiringRule>>> firing = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            AtomicSimulationCache.Simulated s = simulations.simulate(tests.get(t).techniqueId(), tests.get(t).test());
            simulated.add(s);
            List<List<FiringRule>> perEvent = new ArrayList<>();
            for (int e = 0; e < s.events().size(); e++) {
                String product = s.events().get(e).product();
                positionsByProduct.computeIfAbsent(product, k -> new ArrayList<>()).add(new int[] {t, e});
                eventsByProduct.computeIfAbsent(product, k -> new ArrayList<>()).add(s.parsed().get(e));
                perEvent.add(new ArrayList<>());
            }
            firing.add(perEvent);
        }
        for (Map.Entry<String, List<Event>> group : eventsByProduct.entrySet()) {
            RunOptions options = RunOptions.DEFAULT.withMaxMatches(1_000_000)
                    .withLogsourceHint(new LogSource("process_creation", group.getKey(), null, null));
            EvaluationResult result = engine.evaluate(group.getValue(), options);
            List<int[]> positions = positionsByProduct.get(group.getKey());
            for (RuleMatch m : result.matches()) {
                int[] at = positions.get((int) m.eventIndex());
                String techniqueId = tests.get(at[0]).techniqueId();
                firing.get(at[0]).get(at[1]).add(new FiringRule(m.ruleId(), m.ruleTitle(), m.level(),
                        m.matchedSelections(), taggedFor(m.ruleId(), techniqueId)));
            }
        }
        List<TestResult> out = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            TestRef ref = tests.get(i);
            AtomicTest test = ref.test();
            List<EventResult> eventResults = new ArrayList<>();
            boolean detected = false;
            List<SimulatedEvent> events = simulated.get(i).events();
            for (int e = 0; e < events.size(); e++) {
                SimulatedEvent ev = events.get(e);
                List<FiringRule> rules = firing.get(i).get(e);
                detected |= !rules.isEmpty();
                eventResults.add(new EventResult(ev.product(), ev.origin(), ev.image(), ev.commandLine(),
                        List.copyOf(rules)));
            }
            String executor = test.executor() == null ? null : test.executor().name();
            Status status = eventResults.isEmpty() ? Status.NOT_SIMULATED
                    : detected ? Status.DETECTED : Status.NOT_DETECTED;
            out.add(new TestResult(ref.techniqueId(), test.number(), test.guid(), test.name(), executor,
                    test.platforms(), status, eventResults.isEmpty() ? notSimulatedReasonOf(test) : null,
                    eventResults));
        }
        return out;
    }

    public static String notSimulatedReasonOf(AtomicTest test) {
        if (test.executor() == null) {
            return "the test has no executor";
        }
        String name = test.executor().name();
        if ("manual".equals(name)) {
            return "manual test: steps for a person, no command line";
        }
        if (test.executor().command() == null || test.executor().command().isBlank()) {
            return "the executor has no command";
        }
        return "executor " + name + " does not run on the test's platforms " + test.platforms();
    }
}
