package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.evaluation.event.Event;

/**
 * Picks, among the rules an event is routed to, the few worth evaluating: a rule is selected when each of its
 * necessary clauses ({@link GatedDetection#necessaryClauses}) has an open unit in the event, or when it has none
 * (ungated rules, evaluated on every event of their logsource). Rules are numbered by their position in the list
 * given; one {@link Selection} per stream of events.
 */
public final class RuleGating {

    /** Route searches kept; beyond it a route's search is built for each event that takes it. */
    private static final int MAX_ROUTES = 4096;

    private final ProbeIndex index;
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

    /** What one set of candidate rules (one logsource route) needs: the probes of their gates, their ungated rules. */
    private record Route(ProbeIndex.Search search, int[] ungated) {
    }

    private final Map<BitSet, Route> routes = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param index            the built probe index the rules registered their gates in
     * @param necessaryClauses each rule's necessary clauses, in rule order
     */
    public RuleGating(ProbeIndex index, List<List<int[]>> necessaryClauses) {
        this.index = index;
        int rules = necessaryClauses.size();
        List<List<Integer>> byUnit = new ArrayList<>();
        int clauseIds = 0;
        this.gates = new BitSet[rules];
        this.clauseCount = new int[rules];
        for (int r = 0; r < rules; r++) {
            List<int[]> necessary = necessaryClauses.get(r);
            gates[r] = new BitSet();
            clauseCount[r] = necessary.size();
            if (necessary.isEmpty()) {
                ungatedRules.set(r);
            }
            for (int[] clause : necessary) {
                int clauseId = clauseIds++;
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
        this.clauses = clauseIds;
        this.rulesByUnit = byUnit.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Rules evaluated on every event of their logsource because no probe can rule them out. */
    public int ungatedRuleCount() {
        return ungatedRules.cardinality();
    }

    /** {@code cacheRepeatedValues}: remember what repeated values hold (see the probe index's memo). */
    public Selection newSelection(boolean cacheRepeatedValues) {
        return new Selection(index.newHits(cacheRepeatedValues));
    }

    private Route route(BitSet candidates) {
        Route route = routes.get(candidates);
        if (route == null) {
            BitSet ungated = (BitSet) ungatedRules.clone();
            ungated.and(candidates);
            BitSet routeGates = new BitSet();
            candidates.stream().forEach(r -> routeGates.or(gates[r]));
            route = new Route(index.search(routeGates), ungated.stream().toArray());
            if (routes.size() < MAX_ROUTES) {
                routes.put(candidates, route);
            }
        }
        return route;
    }

    /** The selection of one stream of events; not thread-safe. */
    public final class Selection {
        private final ProbeHits hits;
        private final int[] clauseStamp = new int[clauses];
        /** Per rule: stamp in the high 32 bits, clauses satisfied in the low 32. */
        private final long[] ruleState = new long[clauseCount.length];
        private int[] selected = new int[64];
        private int stamp;

        private Selection(ProbeHits hits) {
            this.hits = hits;
        }

        /** What the probe search found in the last event selected for (the gated detections read it). */
        public ProbeHits hits() {
            return hits;
        }

        /** The rules selected by the last {@link #select}, at indexes 0 to its result. */
        public int[] selected() {
            return selected;
        }

        /**
         * Searches the event for the probes of the route of {@code candidates} (the rules routed to it; callers
         * must not modify it, it keys the route) and selects, in rule order, the candidates whose every clause an
         * open unit satisfies, and the ungated ones. Returns how many.
         */
        public int select(Event event, BitSet candidates) {
            Route route = route(candidates);
            index.scan(event, route.search(), hits);
            return selectRules(candidates, route);
        }

        /** The candidates whose every clause an open unit satisfies, and the ungated ones, in rule order. */
        private int selectRules(BitSet candidates, Route route) {
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(clauseStamp, 0);
                Arrays.fill(ruleState, 0);
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
                            selected = Arrays.copyOf(selected, count * 2);
                        }
                        selected[count++] = r;
                    }
                }
            }
            int[] ungated = route.ungated();
            if (count + ungated.length > selected.length) {
                selected = Arrays.copyOf(selected, count + ungated.length + 64);
            }
            System.arraycopy(ungated, 0, selected, count, ungated.length);
            count += ungated.length;
            Arrays.sort(selected, 0, count);
            return count;
        }

        /** Values the probe search looked up among the repeated values it remembers, and how many it found there. */
        public long[] repeatedValueLookups() {
            return new long[] {hits.cacheLookups(), hits.cacheHits()};
        }
    }
}
