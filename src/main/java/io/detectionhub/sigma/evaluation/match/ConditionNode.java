package io.detectionhub.sigma.evaluation.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import io.detectionhub.sigma.model.Condition;

/**
 * A compiled condition over the search identifiers of one detection: {@code and}, {@code or}, {@code not} and
 * references to search identifiers by their index; {@code 1 of}/{@code all of} become an {@code or}/{@code and} of
 * references.
 */
public abstract sealed class ConditionNode permits ConditionNode.Junction, ConditionNode.Not, ConditionNode.Ref {

    private ConditionNode() {
    }

    /** The condition's value, given whether each search identifier (by index) is true. */
    public abstract boolean eval(IntPredicate searchIsTrue);

    /** An {@code and} or an {@code or}: a list of operands. */
    public abstract static sealed class Junction extends ConditionNode permits And, Or {
        final ConditionNode[] operands;

        private Junction(List<ConditionNode> operands) {
            this.operands = operands.toArray(ConditionNode[]::new);
        }

        public List<ConditionNode> operands() {
            return List.of(operands);
        }
    }

    public static final class And extends Junction {
        And(List<ConditionNode> operands) {
            super(operands);
        }

        @Override
        public boolean eval(IntPredicate searchIsTrue) {
            for (ConditionNode n : operands) {
                if (!n.eval(searchIsTrue)) {
                    return false;
                }
            }
            return true;
        }
    }

    public static final class Or extends Junction {
        Or(List<ConditionNode> operands) {
            super(operands);
        }

        @Override
        public boolean eval(IntPredicate searchIsTrue) {
            for (ConditionNode n : operands) {
                if (n.eval(searchIsTrue)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static final class Not extends ConditionNode {
        private final ConditionNode operand;

        Not(ConditionNode operand) {
            this.operand = operand;
        }

        public ConditionNode operand() {
            return operand;
        }

        @Override
        public boolean eval(IntPredicate searchIsTrue) {
            return !operand.eval(searchIsTrue);
        }
    }

    /** A search identifier, by its index in the detection. */
    public static final class Ref extends ConditionNode {
        private final int search;

        Ref(int search) {
            this.search = search;
        }

        public int search() {
            return search;
        }

        @Override
        public boolean eval(IntPredicate searchIsTrue) {
            return searchIsTrue.test(search);
        }
    }

    /** {@code indexes}: the index of each search identifier by name. */
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

    private static List<ConditionNode> compileAll(List<Condition> operands, Map<String, Integer> indexes) {
        return operands.stream().map(c -> compile(c, indexes)).toList();
    }
}
