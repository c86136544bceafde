package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.evaluation.match.ConditionNode;

/**
 * What must hold in an event for a condition to be true, read from the condition's structure: clauses that must all
 * hold, each a set of probe-index units of which at least one must be open. Every operand of an {@code and} that has
 * clauses contributes them (the {@link #MAX_CLAUSES} most selective are kept), an {@code or} needs one unit of each
 * operand (one clause, the union), nothing under a {@code not} is required. Empty when the condition can be true
 * without any unit open.
 */
final class NecessaryClauses {

    /** Clauses an {@code and} may require together at most (the most selective). */
    static final int MAX_CLAUSES = 2;

    private final GatedSearch[] searches;
    private final ProbeIndex index;

    private NecessaryClauses(GatedSearch[] searches, ProbeIndex index) {
        this.searches = searches;
        this.index = index;
    }

    static List<int[]> of(ConditionNode condition, GatedSearch[] searches, ProbeIndex index) {
        return new NecessaryClauses(searches, index).clauses(condition);
    }

    private List<int[]> clauses(ConditionNode node) {
        if (node instanceof ConditionNode.And and) {
            List<int[]> clauses = new ArrayList<>();
            for (ConditionNode operand : and.operands()) {
                clauses.addAll(clauses(operand));
            }
            clauses.sort(Comparator.comparingDouble(index::weight));
            return clauses.size() <= MAX_CLAUSES ? clauses : List.copyOf(clauses.subList(0, MAX_CLAUSES));
        }
        int[] one = necessary(node);
        return one == null ? List.of() : List.of(one);
    }

    /** Units of which at least one must be open for the node to be true, or null when it can be true without. */
    private int[] necessary(ConditionNode node) {
        if (node instanceof ConditionNode.And and) {
            int[] best = null;
            for (ConditionNode operand : and.operands()) {
                int[] units = necessary(operand);
                if (units != null && (best == null || index.weight(units) < index.weight(best))) {
                    best = units;
                }
            }
            return best;
        }
        if (node instanceof ConditionNode.Or or) {
            int[] all = new int[0];
            for (ConditionNode operand : or.operands()) {
                int[] units = necessary(operand);
                if (units == null) {
                    return null;
                }
                all = union(all, units);
            }
            return all;
        }
        if (node instanceof ConditionNode.Ref ref) {
            return searches[ref.search()].necessaryUnits();
        }
        return null; // a negation
    }

    private static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().toArray();
    }
}
