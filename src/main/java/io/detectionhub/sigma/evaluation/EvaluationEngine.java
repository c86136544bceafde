package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.CompiledCorrelation.Hit;
import io.detectionhub.sigma.evaluation.acceleration.GatedDetection;
import io.detectionhub.sigma.evaluation.acceleration.RuleGating;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.CompiledDetection;
import io.detectionhub.sigma.evaluation.match.RuleCompilationException;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;

/**
 * Sigma documents (rules, correlation rules, filters) compiled for evaluation against events.
 * <p>
 * Compile once ({@link #compile}), then evaluate any number of event streams, concurrently if needed: an engine is
 * immutable, each {@link Run} holds the state of one stream. Per event, the logsource router picks the rules that may
 * see it, the probe search ({@link RuleGating}) picks among them the few whose required literals are in place, and
 * those are evaluated ({@link GatedDetection}, which answers as the rules' meaning, {@link CompiledDetection}, does).
 * Rules that cannot be evaluated are left out and listed in {@link #problems()}; they never match silently wrong.
 */
public final class EvaluationEngine {

    /** Correlation inputs kept per run at most; beyond it a problem is reported. */
    static final int MAX_CORRELATION_HITS = 2_000_000;

    private final List<CompiledRule> rules;
    private final List<CompiledCorrelation> correlations;
    private final List<EvaluationProblem> problems;
    private final ProbeIndex index;
    private final LogSourceRouter router;
    private final RuleGating gating;

    private EvaluationEngine(List<CompiledRule> rules, List<CompiledCorrelation> correlations,
                             List<EvaluationProblem> problems, ProbeIndex index) {
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.problems = List.copyOf(problems);
        this.index = index;
        this.router = new LogSourceRouter(this.rules.stream().map(CompiledRule::logsource).toList());
        this.gating = new RuleGating(index, this.rules.stream().map(CompiledRule::necessaryClauses).toList());
    }

    /** Rules evaluated on every event of their logsource because no probe can rule them out. */
    public int ungatedRuleCount() {
        return gating.ungatedRuleCount();
    }

    public static EvaluationEngine compile(SigmaCollection collection, EvaluationOptions options) {
        return compile(collection.documents(), options);
    }

    public static EvaluationEngine compile(Collection<? extends SigmaDocument> documents, EvaluationOptions options) {
        EvaluationOptions opts = options == null ? EvaluationOptions.DEFAULT : options;
        ProbeIndex index = new ProbeIndex();
        List<CompiledRule> rules = new ArrayList<>();
        List<EvaluationProblem> problems = new ArrayList<>();
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaRule r) {
                try {
                    rules.add(new CompiledRule(r, detections(r.detection(), r.logsource(), opts, index)));
                } catch (RuleCompilationException e) {
                    problems.add(EvaluationProblem.of(d, e.getMessage()));
                }
            }
        }
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaFilter f) {
                applyFilter(f, rules, opts, index, problems);
            }
        }
        List<CompiledCorrelation> correlations = CorrelationLinker.link(documents, rules, problems);
        index.build();
        return new EvaluationEngine(rules, correlations, problems, index);
    }

    /** The detection's meaning, and the same gated by the probe search (registering its gates in the index). */
    private static CompiledRule.Detections detections(Detection detection, LogSource logsource,
                                                      EvaluationOptions options, ProbeIndex index) {
        CompiledDetection meaning = CompiledDetection.compile(detection,
                item -> eventFields(item, logsource, options), options.placeholders());
        return new CompiledRule.Detections(meaning, new GatedDetection(meaning, index));
    }

    /** The event fields a rule's field is read under: the schema's columns for it first, then its own name. */
    private static List<String> eventFields(DetectionItem item, LogSource logsource, EvaluationOptions options) {
        if (item.isKeyword()) {
            return List.of();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>(
                options.fieldNameMapping().eventFieldsFor(logsource, item.field()));
        names.add(item.field());
        return List.copyOf(names);
    }

    private static void applyFilter(SigmaFilter filter, List<CompiledRule> rules, EvaluationOptions opts,
                                    ProbeIndex index, List<EvaluationProblem> problems) {
        try {
            String id = CompiledRule.displayId(filter.metadata().id(), filter.metadata().name(),
                    filter.metadata().title());
            CompiledRule.AppliedFilter applied = new CompiledRule.AppliedFilter(id, filter.metadata().title(),
                    detections(filter.detection(), filter.logsource(), opts, index));
            for (CompiledRule rule : rules) {
                boolean named = filter.rules().stream().anyMatch(ref -> ref.equals(rule.rule().metadata().id())
                        || ref.equals(rule.rule().metadata().name()));
                if (named && (filter.logsource() == null || filter.logsource().covers(rule.logsource()))) {
                    rule.addFilter(applied);
                }
            }
        } catch (RuleCompilationException e) {
            problems.add(EvaluationProblem.of(filter, "Filter not applied: " + e.getMessage()));
        }
    }

    /** Detection and correlation rules that will be evaluated. */
    public int rulesEvaluated() {
        return rules.size() + correlations.size();
    }

    /** Rules left out, with the reason, in document order. */
    public List<EvaluationProblem> problems() {
        return problems;
    }

    /** Number of distinct probes (literal, field, anchor) in the shared multi-pattern search. */
    public int probeCount() {
        return index.size();
    }

    public Run newRun(RunOptions options) {
        return new Run(options == null ? RunOptions.DEFAULT : options, false);
    }

    /**
     * A run that evaluates the meaning of every rule the router sends an event to, without the acceleration (no
     * probe search, no shortcuts): slow, for checking that the acceleration gives the same matches.
     */
    Run newExhaustiveRun(RunOptions options) {
        return new Run(options == null ? RunOptions.DEFAULT : options, true);
    }

    public EvaluationResult evaluate(Iterator<Event> events, RunOptions options) {
        Run run = newRun(options);
        while (events.hasNext()) {
            run.accept(events.next());
        }
        return run.finish();
    }

    public EvaluationResult evaluate(List<Event> events, RunOptions options) {
        return evaluate(events.iterator(), options);
    }

    /** The evaluation of one stream of events; not thread-safe. */
    public final class Run {
        private final RunOptions options;
        private final String[] timestampKeys;
        /** The probe search's selection of rules; null in an exhaustive run. */
        private final RuleGating.Selection selection;
        private long ruleEvaluations;
        private final List<RuleMatch> matches = new ArrayList<>();
        private final List<SuppressedMatch> suppressed = new ArrayList<>();
        private final List<MissExplanation> misses = new ArrayList<>();
        private boolean missesTruncated;
        private final List<List<Hit>> correlationHits = new ArrayList<>();
        private final List<EvaluationProblem> runProblems = new ArrayList<>();
        private final Map<String, Integer> withoutTimestamp = new HashMap<>();
        private long events;
        private long storedHits;
        private boolean truncated;

        private Run(RunOptions options, boolean exhaustive) {
            this.options = options;
            this.selection = exhaustive ? null : gating.newSelection(options.cacheRepeatedValues());
            this.timestampKeys = options.timestampFields().stream().map(EventBuilder::key).toArray(String[]::new);
            for (int i = 0; i < correlations.size(); i++) {
                correlationHits.add(new ArrayList<>());
            }
        }

        public void accept(Event event) {
            long eventIndex = events++;
            BitSet candidates = router.candidates(event, options.logsourceHint());
            if (candidates.isEmpty()) {
                explainMisses(event, eventIndex, candidates, null);
                return;
            }
            int[] selected;
            int count;
            ProbeHits hits;
            if (selection == null) {
                selected = candidates.stream().toArray();
                count = selected.length;
                hits = null;
            } else {
                count = selection.select(event, candidates);
                selected = selection.selected();
                hits = selection.hits();
            }
            Instant timestamp = null;
            boolean timestampRead = false;
            ruleEvaluations += count;
            BitSet fired = options.maxMissExplanations() > 0 ? new BitSet(rules.size()) : null;
            for (int i = 0; i < count; i++) {
                CompiledRule rule = rules.get(selected[i]);
                int outcome = rule.check(event, hits);
                if (outcome == CompiledRule.MISSED) {
                    continue;
                }
                if (outcome != CompiledRule.MATCHED) {
                    // suppressed by a filter (a tuning exception): listed with the filter, feeds no correlation
                    if (rule.reported()) {
                        if (suppressed.size() < options.maxMatches()) {
                            suppressed.add(rule.suppressed(event, eventIndex, hits, outcome));
                        } else {
                            truncated = true;
                        }
                    }
                    continue;
                }
                if (fired != null) {
                    fired.set(selected[i]);
                }
                if (rule.reported()) {
                    if (matches.size() < options.maxMatches()) {
                        matches.add(rule.explain(event, eventIndex, hits));
                    } else {
                        truncated = true;
                    }
                }
                for (CompiledRule.Feed feed : rule.feeds()) {
                    if (!timestampRead) {
                        timestamp = timestamp(event);
                        timestampRead = true;
                    }
                    if (timestamp == null) {
                        withoutTimestamp.merge(rule.displayId(), 1, Integer::sum);
                        continue;
                    }
                    if (storedHits++ >= MAX_CORRELATION_HITS) {
                        truncated = true;
                        continue;
                    }
                    CompiledCorrelation cc = correlations.get(feed.correlation());
                    correlationHits.get(feed.correlation())
                            .add(cc.hitFromEvent(event, feed.position(), eventIndex, timestamp));
                }
            }
            if (fired != null) {
                explainMisses(event, eventIndex, candidates, fired);
            }
        }

        /**
         * Why each rule that did not fire on the event missed it: routed away, or which pieces of its meaning were
         * false (re-evaluated without the acceleration, which gives the same answers).
         */
        private void explainMisses(Event event, long eventIndex, BitSet candidates, BitSet fired) {
            if (options.maxMissExplanations() <= 0) {
                return;
            }
            for (int r = 0; r < rules.size(); r++) {
                if (fired != null && fired.get(r)) {
                    continue;
                }
                if (misses.size() >= options.maxMissExplanations()) {
                    missesTruncated = true;
                    return;
                }
                CompiledRule rule = rules.get(r);
                if (!candidates.get(r)) {
                    String reason = LogSourceRouter.routedAway(rule.logsource(), event, options.logsourceHint());
                    misses.add(MissExplainer.routedAway(rule, eventIndex, reason == null
                            ? "its logsource does not fit the rule's " + rule.logsource() : reason));
                } else {
                    misses.add(MissExplainer.explain(rule, event, eventIndex));
                }
            }
        }

        /** Values the probe search looked up among the repeated values it remembers, and how many it found there. */
        public long[] repeatedValueLookups() {
            return selection == null ? new long[2] : selection.repeatedValueLookups();
        }

        /** Rules evaluated so far in this run (those the probe search and routing did not rule out). */
        public long ruleEvaluations() {
            return ruleEvaluations;
        }

        private Instant timestamp(Event event) {
            for (String key : timestampKeys) {
                for (EventValue v : event.values(key)) {
                    Instant t = v.isNull() ? null : TimestampParser.parse(v.text());
                    if (t != null) {
                        return t;
                    }
                }
            }
            return null;
        }

        public long eventsEvaluated() {
            return events;
        }

        public EvaluationResult finish() {
            List<CorrelationMatch> alerts = new ArrayList<>();
            Map<Integer, List<CorrelationMatch>> done = new HashMap<>();
            for (int i = 0; i < correlations.size(); i++) {
                alerts.addAll(correlate(i, done, new java.util.HashSet<>()));
            }
            List<EvaluationProblem> all = new ArrayList<>(problems);
            all.addAll(runProblems);
            withoutTimestamp.forEach((rule, n) -> all.add(new EvaluationProblem(rule, null, n
                    + " event(s) matched this rule but have no readable timestamp (fields tried: "
                    + String.join(", ", options.timestampFields()) + "), so no correlation counted them")));
            if (storedHits > MAX_CORRELATION_HITS) {
                all.add(new EvaluationProblem(null, null, "More than " + MAX_CORRELATION_HITS
                        + " correlation inputs: later ones were not counted"));
            }
            if (missesTruncated) {
                all.add(new EvaluationProblem(null, null, "More misses than the " + options.maxMissExplanations()
                        + " explained: later ones were not explained"));
            }
            return new EvaluationResult(rulesEvaluated(), events, matches, alerts, all, truncated, misses, suppressed);
        }

        private List<CorrelationMatch> correlate(int i, Map<Integer, List<CorrelationMatch>> done,
                                                 java.util.Set<Integer> visiting) {
            List<CorrelationMatch> cached = done.get(i);
            if (cached != null) {
                return cached;
            }
            CompiledCorrelation cc = correlations.get(i);
            if (!visiting.add(i)) {
                runProblems.add(new EvaluationProblem(cc.displayId(), cc.correlation().metadata().title(),
                        "Correlation refers to itself through its rules"));
                return List.of();
            }
            List<Hit> inputs = new ArrayList<>(correlationHits.get(i));
            for (int p = 0; p < cc.positions(); p++) {
                int inner = cc.chainedCorrelation(p);
                if (inner >= 0) {
                    for (CorrelationMatch alert : correlate(inner, done, visiting)) {
                        if (alert.lastTimestamp() != null) {
                            inputs.add(cc.hitFromAlert(alert, p));
                        }
                    }
                }
            }
            List<CorrelationMatch> result = CorrelationWindows.alerts(cc, inputs);
            done.put(i, result);
            visiting.remove(i);
            return result;
        }
    }
}
