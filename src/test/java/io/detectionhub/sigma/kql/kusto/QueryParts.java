package io.detectionhub.sigma.kql.kusto;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated query taken apart into what Microsoft's analyzer can check once for many queries: its frame (the
 * pipeline with every {@code | where} condition replaced by {@code true}), the atoms of each condition (the operands
 * that {@code and}, {@code or}, {@code not()} and parentheses combine) with the pipeline before that condition, the
 * condition's skeleton (its atoms replaced by {@code true}), and its string literals.
 * <p>
 * Why this keeps the guarantee: the analyzer's verdict on a query is the conjunction of its verdicts on these parts.
 * A condition is valid when each atom is a valid bool expression where it stands and the skeleton combining them is
 * well formed ({@code and}, {@code or}, {@code not()} accept any bool operands; {@code and} and {@code or} bind less
 * tightly than every operator inside an atom); the pipeline is valid when its frame is; a string literal's content
 * only matters for its own spelling, so literals are checked on their own and appear as {@code ""} elsewhere, except
 * regular expressions ({@code matches regex}, {@code extract}), which stay in place.
 */
record QueryParts(String frame, List<Condition> conditions, List<String> literals) {

    /** One {@code | where} condition: the pipeline before it, its atoms and its skeleton. */
    record Condition(String prefix, List<String> atoms, String skeleton) {
    }

    /** The parts of a query, or null when the text is not in the form the translator writes (then check it whole). */
    static QueryParts of(String query) {
        List<String> literals = new ArrayList<>();
        String normalised = withoutLiteralContents(query, literals);
        if (normalised == null) {
            return null;
        }
        List<String> lines = normalised.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> frame = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("| where ")) {
                Set<String> atoms = new LinkedHashSet<>();
                String skeleton = skeleton(line.substring("| where ".length()), atoms);
                if (skeleton == null) {
                    return null;
                }
                conditions.add(new Condition(String.join("\n", frame), List.copyOf(atoms), skeleton));
                frame.add("| where true");
            } else {
                frame.add(line);
            }
        }
        return new QueryParts(String.join("\n", frame), conditions, literals);
    }

    /**
     * The text with {@code //} comments left out and every string literal but regular expressions written as
     * {@code ""} (the literals are added to {@code literals}); null for a text the lexer does not understand.
     */
    private static String withoutLiteralContents(String query, List<String> literals) {
        StringBuilder out = new StringBuilder(query.length());
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '/' && query.startsWith("//", i)) {
                int end = query.indexOf('\n', i);
                i = end < 0 ? query.length() : end;
            } else if (c == '[' && query.startsWith("['", i)) {
                int end = closing(query, i + 2, '\'');
                if (end < 0 || end + 1 >= query.length() || query.charAt(end + 1) != ']') {
                    return null;
                }
                out.append(query, i, end + 2);
                i = end + 2;
            } else if (c == '"') {
                int end = closing(query, i + 1, '"');
                if (end < 0) {
                    return null;
                }
                String literal = query.substring(i, end + 1);
                String before = out.toString().stripTrailing();
                if (before.endsWith("matches regex") || before.endsWith("extract(")) {
                    out.append(literal);
                } else {
                    out.append("\"\"");
                    literals.add(literal);
                }
                i = end + 1;
            } else if (c == '\'' || c == '@' || c == '`') {
                return null; // quoting the translator does not write
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the unescaped {@code quote} ending a literal that starts at {@code from}, or -1. */
    private static int closing(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** The expression with its atoms (added to {@code atoms}) replaced by {@code true}; null when unbalanced. */
    static String skeleton(String expression, Set<String> atoms) {
        String e = expression.strip();
        for (String op : List.of("or", "and")) {
            List<String> operands = splitTopLevel(e, op);
            if (operands == null) {
                return null;
            }
            if (operands.size() > 1) {
                Set<String> parts = new LinkedHashSet<>();
                for (String operand : operands) {
                    String part = skeleton(operand, atoms);
                    if (part == null) {
                        return null;
                    }
                    parts.add(part);
                }
                return "(" + String.join(" " + op + " ", parts) + ")";
            }
        }
        if (e.startsWith("not(") && closingParen(e, 3) == e.length() - 1) {
            String inner = skeleton(e.substring(4, e.length() - 1), atoms);
            return inner == null ? null : "not(" + inner + ")";
        }
        if (e.startsWith("(") && closingParen(e, 0) == e.length() - 1) {
            return skeleton(e.substring(1, e.length() - 1), atoms);
        }
        if (e.isEmpty()) {
            return null;
        }
        atoms.add(e);
        return "true";
    }

    /** The operands joined by the word {@code op} outside parentheses and names; null when unbalanced. */
    private static List<String> splitTopLevel(String e, String op) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '[' && e.startsWith("['", i)) {
                i = closing(e, i + 2, '\'') + 1;
                if (i <= 0) {
                    return null;
                }
            } else if (c == '"') {
                i = closing(e, i + 1, '"');
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return null;
                }
            } else if (depth == 0 && c == ' ' && e.startsWith(" " + op + " ", i)) {
                parts.add(e.substring(start, i));
                i += op.length() + 1;
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        parts.add(e.substring(start));
        return parts;
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int closingParen(String e, int open) {
        int depth = 0;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '[' && e.startsWith("['", i)) {
                i = closing(e, i + 2, '\'') + 1;
                if (i <= 0) {
                    return -1;
                }
            } else if (c == '"') {
                i = closing(e, i + 1, '"');
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
