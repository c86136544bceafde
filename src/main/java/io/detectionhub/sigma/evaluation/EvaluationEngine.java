package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.CompiledCorrelation.Hit;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.RuleCompilationException;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;

/**
 * Sigma documents (rules, correlation rules, filters) compiled for evaluation against events.
 * <p>
 * Compile once ({@link #compile}), then evaluate any number of event streams, concurrently if needed: an engine is
 * immutable, each {@link Run} holds the state of one stream. Per event, the logsource router picks the rules that may
 * see it, the shared probe search ({@link ProbeIndex}) finds, field by field, the literals rules require, and only
 * rules with, in each of their clauses ({@link ConditionNode#necessaryClauses}), a map whose literals are all in
 * place are evaluated. Rules that cannot be evaluated are left out and listed in {@link #problems()}; they never
 * match silently wrong.
 */
public final class EvaluationEngine {

    /** Correlation inputs kept per run at most; beyond it a problem is reported. */
    static final int MAX_CORRELATION_HITS = 2_000_000;

    private final List<CompiledRule> rules;
    private final List<CompiledCorrelation> correlations;
    private final List<EvaluationProblem> problems;
    private final ProbeIndex index;
    private final LogSourceRouter router;
    /**
     * For each probe-index unit, the clauses it satisfies, as pairs (rule, clause): a rule is evaluated when every
     * one of its clauses has an open unit.
     */
    private final int[][] rulesByUnit;
    /** Clauses of each rule (0: the rule is ungated). */
    private final int[] clauseCount;
    /** Clauses of all rules. */
    private final int clauses;
    /** Rules that can match without any unit open: evaluated on every event of their logsource. */
    private final BitSet ungatedRules = new BitSet();
    /**
     * For each rule, the probe-index gates of its necessary units: what routes its events to it. The gates of its
     * other maps and of its filters are not searched for (unless another rule needs them); those maps are evaluated.
     */
    private final BitSet[] gates;

    private EvaluationEngine(List<CompiledRule> rules, List<CompiledCorrelation> correlations,
                             List<EvaluationProblem> problems, ProbeIndex index) {
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.problems = List.copyOf(problems);
        this.index = index;
        this.router = new LogSourceRouter(this.rules.stream().map(CompiledRule::logsource).toList());
        List<List<Integer>> byUnit = new ArrayList<>();
        List<Integer> clauses = new ArrayList<>();
        this.gates = new BitSet[this.rules.size()];
        this.clauseCount = new int[this.rules.size()];
        for (int r = 0; r < this.rules.size(); r++) {
            CompiledRule rule = this.rules.get(r);
            List<int[]> necessary = rule.necessaryClauses();
            gates[r] = new BitSet();
            clauseCount[r] = necessary.size();
            if (necessary.isEmpty()) {
                ungatedRules.set(r);
            }
            for (int[] clause : necessary) {
                int clauseId = clauses.size();
                clauses.add(r);
                for (int u : clause) {
                    while (byUnit.size() <= u) {
                        byUnit.add(new ArrayList<>(2));
                    }
                    byUnit.get(u).add(r);
                    byUnit.get(u).add(clauseId);
                    for (int g : index.gatesOf(u)) {
                        gates[r].set(g);
                    }
                }
            }
        }
        this.clauses = clauses.size();
        this.rulesByUnit = byUnit.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** What one set of candidate rules (one logsource route) needs: the probes of their gates, their ungated rules. */
    private record Route(ProbeIndex.Search search, int[] ungated) {
    }

    private final Map<BitSet, Route> routes = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private Route route(BitSet candidates) {
        Route route = routes.get(candidates);
        if (route == null) {
            BitSet ungated = (BitSet) ungatedRules.clone();
            ungated.and(candidates);
            BitSet routeGates = new BitSet();
            candidates.stream().forEach(r -> routeGates.or(gates[r]));
            route = new Route(index.search(routeGates), ungated.stream().toArray());
            if (routes.size() < 4096) {
                routes.put(candidates, route);
            }
        }
        return route;
    }

    /** Rules evaluated on every event of their logsource because no probe can rule them out. */
    public int ungatedRuleCount() {
        return ungatedRules.cardinality();
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
                    rules.add(new CompiledRule(r, CompiledDetection.compile(r.detection(), r.logsource(), opts,
                            index)));
                } catch (RuleCompilationException e) {
                    problems.add(problem(d, e.getMessage()));
                }
            }
        }
        for (SigmaDocument d : documents) {
            if (d instanceof SigmaFilter f) {
                applyFilter(f, rules, opts, index, problems);
            }
        }
        List<CompiledCorrelation> correlations = compileCorrelations(documents, rules, problems);
        index.build();
        return new EvaluationEngine(rules, correlations, problems, index);
    }

    private static EvaluationProblem problem(SigmaDocument d, String message) {
        return new EvaluationProblem(CompiledRule.displayId(d.metadata().id(), d.metadata().name(),
                d.metadata().title()), d.metadata().title(), message);
    }

    private static void applyFilter(SigmaFilter filter, List<CompiledRule> rules, EvaluationOptions opts,
                                    ProbeIndex index, List<EvaluationProblem> problems) {
        try {
            CompiledDetection detection = CompiledDetection.compile(filter.detection(), filter.logsource(), opts,
                    index);
            CompiledRule.AppliedFilter applied = new CompiledRule.AppliedFilter(filter.metadata().title(),
                    detection);
            for (CompiledRule rule : rules) {
                boolean named = filter.rules().stream().anyMatch(ref -> ref.equals(rule.rule().metadata().id())
                        || ref.equals(rule.rule().metadata().name()));
                if (named && (filter.logsource() == null || filter.logsource().covers(rule.logsource()))) {
                    rule.addFilter(applied);
                }
            }
        } catch (RuleCompilationException e) {
            problems.add(problem(filter, "Filter not applied: " + e.getMessage()));
        }
    }

    private static List<CompiledCorrelation> compileCorrelations(Collection<? extends SigmaDocument> documents,
                                                                 List<CompiledRule> rules,
                                                                 List<EvaluationProblem> problems) {
        List<SigmaCorrelation> all = documents.stream().filter(SigmaCorrelation.class::isInstance)
                .map(SigmaCorrelation.class::cast).toList();
        List<CompiledCorrelation> out = new ArrayList<>();
        Map<SigmaCorrelation, Integer> positions = new HashMap<>();
        for (SigmaCorrelation c : all) {
            List<List<String>> names = new ArrayList<>();
            int[] chained = new int[c.rules().size()];
            String unresolved = null;
            for (int p = 0; p < c.rules().size(); p++) {
                String ref = c.rules().get(p);
                SigmaCorrelation inner = all.stream().filter(x -> x != c && refers(x, ref)).findFirst().orElse(null);
                boolean rule = rules.stream().anyMatch(r -> refers(r.rule(), ref));
                chained[p] = -1;
                if (inner != null) {
                    chained[p] = all.indexOf(inner);
                    names.add(namesOf(inner));
                } else if (rule) {
                    names.add(namesOf(rules.stream().filter(r -> refers(r.rule(), ref)).findFirst().get().rule()));
                } else {
                    unresolved = ref;
                    break;
                }
            }
            if (unresolved != null) {
                problems.add(problem(c, "Correlation not evaluated: it refers to '" + unresolved
                        + "', which is not among the rules given (or could not be compiled)"));
                continue;
            }
            positions.put(c, out.size());
            out.add(new CompiledCorrelation(c, names, chained));
        }
        // chained positions index 'all'; translate them to positions in 'out'
        List<CompiledCorrelation> result = new ArrayList<>();
        for (CompiledCorrelation cc : out) {
            int[] chained = new int[cc.positions()];
            boolean ok = true;
            for (int p = 0; p < chained.length; p++) {
                int a = cc.chainedCorrelation(p);
                chained[p] = a < 0 ? -1 : positions.getOrDefault(all.get(a), -2);
                ok &= chained[p] != -2;
            }
            if (!ok) {
                problems.add(problem(cc.correlation(), "Correlation not evaluated: a correlation it refers to "
                        + "could not be evaluated"));
            }
            result.add(ok ? new CompiledCorrelation(cc.correlation(), namesList(cc), chained) : null);
        }
        List<CompiledCorrelation> finalList = new ArrayList<>();
        Map<Integer, Integer> renumber = new HashMap<>();
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) != null) {
                renumber.put(i, finalList.size());
                finalList.add(result.get(i));
            }
        }
        List<CompiledCorrelation> linked = new ArrayList<>();
        for (CompiledCorrelation cc : finalList) {
            int[] chained = new int[cc.positions()];
            for (int p = 0; p < chained.length; p++) {
                int a = cc.chainedCorrelation(p);
                chained[p] = a < 0 ? -1 : renumber.getOrDefault(a, -1);
            }
            linked.add(new CompiledCorrelation(cc.correlation(), namesList(cc), chained));
        }
        for (int ci = 0; ci < linked.size(); ci++) {
            CompiledCorrelation cc = linked.get(ci);
            for (int p = 0; p < cc.positions(); p++) {
                if (cc.chainedCorrelation(p) >= 0) {
                    continue;
                }
                String ref = cc.correlation().rules().get(p);
                for (CompiledRule r : rules) {
                    if (refers(r.rule(), ref)) {
                        r.addFeed(new CompiledRule.Feed(ci, p));
                        r.referencedBy(cc.correlation().generate());
                        break;
                    }
                }
            }
        }
        return linked;
    }

    private static List<List<String>> namesList(CompiledCorrelation cc) {
        List<List<String>> names = new ArrayList<>();
        for (int p = 0; p < cc.positions(); p++) {
            names.add(cc.referenceNames(p));
        }
        return names;
    }

    private static boolean refers(SigmaDocument d, String ref) {
        return ref.equals(d.metadata().id()) || ref.equals(d.metadata().name());
    }

    private static List<String> namesOf(SigmaDocument d) {
        List<String> names = new ArrayList<>();
        if (d.metadata().name() != null) {
            names.add(d.metadata().name());
        }
        if (d.metadata().id() != null) {
            names.add(d.metadata().id());
        }
        return names;
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
     * A run that skips the probe search and evaluates every rule the router sends an event to: slow, for checking
     * that the probe search never rules out a rule that matches.
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
        private final ProbeHits hits;
        private final int[] clauseStamp = new int[clauses];
        /** Per rule: stamp in the high 32 bits, clauses satisfied in the low 32. */
        private final long[] ruleState = new long[rules.size()];
        private int[] selected = new int[64];
        private int stamp;
        private long ruleEvaluations;
        private final List<RuleMatch> matches = new ArrayList<>();
        private final List<List<Hit>> correlationHits = new ArrayList<>();
        private final List<EvaluationProblem> runProblems = new ArrayList<>();
        private final Map<String, Integer> withoutTimestamp = new HashMap<>();
        private long events;
        private long storedHits;
        private boolean truncated;

        private final boolean exhaustive;

        private Run(RunOptions options, boolean exhaustive) {
            this.options = options;
            this.exhaustive = exhaustive;
            this.hits = index.newHits(options.cacheRepeatedValues());
            this.timestampKeys = options.timestampFields().stream().map(EventBuilder::key).toArray(String[]::new);
            for (int i = 0; i < correlations.size(); i++) {
                correlationHits.add(new ArrayList<>());
            }
        }

        public void accept(Event event) {
            long eventIndex = events++;
            BitSet candidates = router.candidates(event, options.logsourceHint());
            if (candidates.isEmpty()) {
                return;
            }
            int count;
            if (exhaustive) {
                selected = candidates.stream().toArray();
                count = selected.length;
            } else {
                Route route = route(candidates);
                index.scan(event, route.search(), hits);
                count = select(candidates, route);
            }
            Instant timestamp = null;
            boolean timestampRead = false;
            ruleEvaluations += count;
            for (int i = 0; i < count; i++) {
                CompiledRule rule = rules.get(selected[i]);
                if (!rule.matches(event, exhaustive ? null : hits)) {
                    continue;
                }
                if (rule.reported()) {
                    if (matches.size() < options.maxMatches()) {
                        matches.add(rule.explain(event, eventIndex, exhaustive ? null : hits));
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
        }

        /**
         * The candidate rules of the event whose every clause an open unit satisfies, and the ungated ones, in rule
         * order.
         */
        private int select(BitSet candidates, Route route) {
            if (++stamp == Integer.MAX_VALUE) {
                java.util.Arrays.fill(clauseStamp, 0);
                java.util.Arrays.fill(ruleState, 0);
                stamp = 1;
            }
            long current = (long) stamp << 32;
            int count = 0;
            for (int i = 0, n = hits.openedCount(); i < n; i++) {
                int unit = hits.opened(i);
                if (unit >= rulesByUnit.length) {
                    continue;
                }
                int[] pairs = rulesByUnit[unit];
                for (int p = 0; p < pairs.length; p += 2) {
                    int r = pairs[p];
                    int clause = pairs[p + 1];
                    if (clauseStamp[clause] == stamp || !candidates.get(r)) {
                        continue;
                    }
                    clauseStamp[clause] = stamp;
                    long state = ruleState[r];
                    long satisfied = (state & 0xFFFF_FFFF_0000_0000L) == current ? (state & 0xFFFF_FFFFL) + 1 : 1;
                    ruleState[r] = current | satisfied;
                    if (satisfied == clauseCount[r]) {
                        if (count == selected.length) {
                            selected = java.util.Arrays.copyOf(selected, count * 2);
                        }
                        selected[count++] = r;
                    }
                }
            }
            int[] ungated = route.ungated();
            if (count + ungated.length > selected.length) {
                selected = java.util.Arrays.copyOf(selected, count + ungated.length + 64);
            }
            System.arraycopy(ungated, 0, selected, count, ungated.length);
            count += ungated.length;
            java.util.Arrays.sort(selected, 0, count);
            return count;
        }

        /** Values the probe search looked up among the repeated values it remembers, and how many it found there. */
        public long[] repeatedValueLookups() {
            return new long[] {hits.cacheLookups(), hits.cacheHits()};
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
            return new EvaluationResult(rulesEvaluated(), events, matches, alerts, all, truncated);
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
