package io.detectionhub.sigma.kql;

import java.util.ArrayList;
import java.util.List;

/**
 * A boolean KQL expression under construction. Constants come from dropped conditions and are folded away; nested
 * {@code and}/{@code or} are parenthesised like the reference converter does, so operator precedence never matters.
 */
sealed interface KqlExpr {

    record Atom(String text) implements KqlExpr {
    }

    record And(List<KqlExpr> operands) implements KqlExpr {
    }

    record Or(List<KqlExpr> operands) implements KqlExpr {
    }

    record Not(KqlExpr operand) implements KqlExpr {
    }

    record Const(boolean value) implements KqlExpr {
    }

    KqlExpr TRUE = new Const(true);
    /** Longest and/or chain written flat; longer ones are grouped in chunks of this size. */
    int MAX_FLAT_OPERANDS = 64;
    KqlExpr FALSE = new Const(false);

    static KqlExpr atom(String text) {
        return new Atom(text);
    }

    static KqlExpr and(List<KqlExpr> operands) {
        List<KqlExpr> kept = new ArrayList<>();
        for (KqlExpr e : operands) {
            if (e instanceof Const c) {
                if (!c.value()) {
                    return FALSE;
                }
            } else {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            return TRUE;
        }
        return kept.size() == 1 ? kept.get(0) : new And(List.copyOf(kept));
    }

    static KqlExpr or(List<KqlExpr> operands) {
        List<KqlExpr> kept = new ArrayList<>();
        for (KqlExpr e : operands) {
            if (e instanceof Const c) {
                if (c.value()) {
                    return TRUE;
                }
            } else {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            return FALSE;
        }
        return kept.size() == 1 ? kept.get(0) : new Or(List.copyOf(kept));
    }

    static KqlExpr not(KqlExpr operand) {
        if (operand instanceof Const c) {
            return c.value() ? FALSE : TRUE;
        }
        return new Not(operand);
    }

    static String render(KqlExpr e) {
        StringBuilder sb = new StringBuilder();
        render(e, sb);
        return sb.toString();
    }

    private static void render(KqlExpr e, StringBuilder sb) {
        if (e instanceof Atom a) {
            sb.append(a.text());
        } else if (e instanceof Not n) {
            sb.append("not(");
            render(n.operand(), sb);
            sb.append(')');
        } else if (e instanceof And a) {
            join(a.operands(), " and ", sb);
        } else if (e instanceof Or o) {
            join(o.operands(), " or ", sb);
        } else if (e instanceof Const c) {
            sb.append(c.value() ? "true" : "false");
        }
    }

    private static void join(List<KqlExpr> operands, String operator, StringBuilder sb) {
        if (operands.size() > MAX_FLAT_OPERANDS) {
            // Kusto's analyzer rejects deep expressions (a chain of a few hundred operators): group long chains into
            // parenthesised chunks, which keeps the meaning (and/or are associative) and bounds the depth
            List<KqlExpr> chunks = new ArrayList<>();
            for (int i = 0; i < operands.size(); i += MAX_FLAT_OPERANDS) {
                List<KqlExpr> chunk = operands.subList(i, Math.min(operands.size(), i + MAX_FLAT_OPERANDS));
                chunks.add(chunk.size() == 1 ? chunk.get(0)
                        : operator.equals(" and ") ? new And(List.copyOf(chunk)) : new Or(List.copyOf(chunk)));
            }
            operands = chunks;
        }
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                sb.append(operator);
            }
            KqlExpr operand = operands.get(i);
            boolean group = operand instanceof And || operand instanceof Or;
            if (group) {
                sb.append('(');
            }
            render(operand, sb);
            if (group) {
                sb.append(')');
            }
        }
    }
}
