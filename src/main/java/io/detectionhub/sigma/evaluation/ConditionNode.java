package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.RuleCompilationException;
import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;

/** A compiled condition over the search identifiers of one detection; each identifier is evaluated at most once. */
abstract class ConditionNode {

    /** Per-evaluation state: the event, the literal hits and the memo of identifier results (0 unknown, 1, 2). */
    static final class Frame {
        final Event event;
        final ProbeHits hits;
        final CompiledSearch[] searches;
        final byte[] memo;

        Frame(Event event, ProbeHits hits, CompiledSearch[] searches) {
            this.event = event;
            this.hits = hits;
            this.searches = searches;
            this.memo = new byte[searches.length];
        }

        boolean search(int index) {
            byte m = memo[index];
            if (m == 0) {
                m = searches[index].matches(event, hits) ? (byte) 1 : (byte) 2;
                memo[index] = m;
            }
            return m == 1;
        }
    }

    abstract boolean eval(Frame frame);

    /**
     * Probe-index units of which at least one must be open for the condition to be true, or null when it can be
     * true without any (a negation, a search with a map without gates).
     */
    abstract int[] necessary(CompiledSearch[] searches);

    /** Clauses an {@code and} may require together at most (the most selective). */
    static final int MAX_CLAUSES = 2;

    /**
     * Clauses that must all hold for the condition to be true, each a set of probe-index units of which at least one
     * must be open: every operand of an {@code and} that has one (the most selective {@link #MAX_CLAUSES}), one
     * clause for anything else ({@link #necessary}). Empty when the condition can be true without any.
     */
    List<int[]> necessaryClauses(CompiledSearch[] searches) {
        int[] one = necessary(searches);
        return one == null ? List.of() : List.of(one);
    }

    private static double weight(CompiledSearch[] searches, int[] literals) {
        return searches[0].index().weight(literals);
    }

    private static int[] union(int[] a, int[] b) {
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).distinct()
                .toArray();
    }

    static ConditionNode compile(Condition condition, Map<String, Integer> indexes) {
        if (condition instanceof Condition.And and) {
            return new And(compileAll(and.operands(), indexes));
        }
        if (condition instanceof Condition.Or or) {
            return new Or(compileAll(or.operands(), indexes));
        }
        if (condition instanceof Condition.Not not) {
            return new Not(compile(not.operand(), indexes));
        }
        if (condition instanceof Condition.Identifier id) {
            return new Ref(index(id.name(), indexes));
        }
        Condition.OfPattern of = (Condition.OfPattern) condition;
        List<ConditionNode> refs = new ArrayList<>();
        for (String name : of.identifiers()) {
            refs.add(new Ref(index(name, indexes)));
        }
        return of.quantifier() == Condition.Quantifier.ALL ? new And(refs) : new Or(refs);
    }

    private static int index(String name, Map<String, Integer> indexes) {
        Integer i = indexes.get(name);
        if (i == null) {
            throw new RuleCompilationException("The condition refers to '" + name
                    + "', which is not a search identifier of the detection");
        }
        return i;
    }

    private static ConditionNode[] compileAll(List<Condition> operands, Map<String, Integer> indexes) {
        return operands.stream().map(c -> compile(c, indexes)).toArray(ConditionNode[]::new);
    }

    private static final class And extends ConditionNode {
        private final ConditionNode[] operands;

        And(ConditionNode[] operands) {
            this.operands = operands;
        }

        And(List<ConditionNode> operands) {
            this(operands.toArray(ConditionNode[]::new));
        }

        @Override
        boolean eval(Frame frame) {
            for (ConditionNode n : operands) {
                if (!n.eval(frame)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        List<int[]> necessaryClauses(CompiledSearch[] searches) {
            List<int[]> clauses = new ArrayList<>();
            for (ConditionNode n : operands) {
                clauses.addAll(n.necessaryClauses(searches));
            }
            clauses.sort(java.util.Comparator.comparingDouble(c -> weight(searches, c)));
            return clauses.size() <= MAX_CLAUSES ? clauses : List.copyOf(clauses.subList(0, MAX_CLAUSES));
        }

        @Override
        int[] necessary(CompiledSearch[] searches) {
            int[] best = null;
            for (ConditionNode n : operands) {
                int[] lits = n.necessary(searches);
                if (lits != null && (best == null || weight(searches, lits) < weight(searches, best))) {
                    best = lits;
                }
            }
            return best;
        }
    }

    private static final class Or extends ConditionNode {
        private final ConditionNode[] operands;

        Or(ConditionNode[] operands) {
            this.operands = operands;
        }

        Or(List<ConditionNode> operands) {
            this(operands.toArray(ConditionNode[]::new));
        }

        @Override
        boolean eval(Frame frame) {
            for (ConditionNode n : operands) {
                if (n.eval(frame)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        int[] necessary(CompiledSearch[] searches) {
            int[] all = new int[0];
            for (ConditionNode n : operands) {
                int[] lits = n.necessary(searches);
                if (lits == null) {
                    return null;
                }
                all = union(all, lits);
            }
            return all;
        }
    }

    private static final class Not extends ConditionNode {
        private final ConditionNode operand;

        Not(ConditionNode operand) {
            this.operand = operand;
        }

        @Override
        boolean eval(Frame frame) {
            return !operand.eval(frame);
        }

        @Override
        int[] necessary(CompiledSearch[] searches) {
            return null;
        }
    }

    private static final class Ref extends ConditionNode {
        private final int index;

        Ref(int index) {
            this.index = index;
        }

        @Override
        boolean eval(Frame frame) {
            return frame.search(index);
        }

        @Override
        int[] necessary(CompiledSearch[] searches) {
            return searches[index].necessaryUnits();
        }
    }
}
