package io.detectionhub.sigma.model;

import java.util.List;

/** The condition of a detection as an abstract syntax tree. Precedence is resolved by the parser. */
public sealed interface Condition
        permits Condition.And, Condition.Or, Condition.Not, Condition.Identifier, Condition.OfPattern {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {
    }

    /** A reference to one search identifier by name. */
    record Identifier(String name) implements Condition {
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern}, {@code 1 of them}, {@code all of them}. {@code identifiers} are the
     * search identifiers the pattern resolved to at parse time (never empty: an unmatched pattern is a parse error).
     * {@code them} excludes identifiers starting with an underscore, as the specification says.
     */
    record OfPattern(Quantifier quantifier, String pattern, List<String> identifiers) implements Condition {
        public OfPattern {
            identifiers = List.copyOf(identifiers);
        }
    }

    enum Quantifier {
        /** {@code 1 of} (also {@code any of}) */
        ANY,
        /** {@code all of} */
        ALL
    }
}
