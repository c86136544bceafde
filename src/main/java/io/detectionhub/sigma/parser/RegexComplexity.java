package io.detectionhub.sigma.parser;

/**
 * Estimates how many instructions a regular expression compiles to once counted repetitions are expanded. re2j
 * matches in linear time, but compiling {@code ((a{1000}){1000}){1000}} takes minutes and gigabytes, so such
 * expressions are rejected before they reach the compiler. The estimate is an upper bound: each atom counts 1, a
 * group counts the sum of its alternatives, and {@code {n,m}} multiplies by {@code max(n, m) + 1}.
 */
final class RegexComplexity {

    /** Expanded size at which a rule's regex is rejected; real rules stay far below (the SigmaHQ maximum is 1,001). */
    static final long LIMIT = 50_000;

    /** Deeper group nesting is treated as too complex (and keeps this estimator's recursion bounded). */
    private static final int MAX_DEPTH = 100;

    private final String regex;
    private int position;
    private int depth;

    private RegexComplexity(String regex) {
        this.regex = regex;
    }

    /** The estimated expanded size, saturating at {@code LIMIT + 1}. */
    static long estimate(String regex) {
        RegexComplexity estimator = new RegexComplexity(regex);
        long total = 0;
        while (estimator.position < regex.length()) {
            total = Math.max(total, estimator.alternative());
            if (estimator.position < regex.length()) {
                estimator.position++; // an unbalanced ')' (the compiler reports it)
            }
        }
        return Math.min(total, LIMIT + 1);
    }

    /** Sum of the branches of an alternation, up to a closing parenthesis or the end. */
    private long alternative() {
        long total = sequence();
        while (position < regex.length() && regex.charAt(position) == '|') {
            position++;
            total = saturate(total + sequence());
        }
        return total;
    }

    private long sequence() {
        long total = 0;
        while (position < regex.length()) {
            char c = regex.charAt(position);
            if (c == '|' || c == ')') {
                return total;
            }
            long atom = atom();
            total = saturate(total + saturate(atom * repetition()));
        }
        return total;
    }

    private long atom() {
        char c = regex.charAt(position);
        if (c == '\\') {
            position = Math.min(regex.length(), position + 2);
            return 1;
        }
        if (c == '[') {
            skipClass();
            return 1;
        }
        if (c == '(') {
            position++;
            if (++depth > MAX_DEPTH) {
                position = regex.length();
                return LIMIT + 1;
            }
            long inner = alternative();
            depth--;
            if (position < regex.length()) {
                position++; // ')'
            }
            return Math.max(1, inner);
        }
        position++;
        return 1;
    }

    private void skipClass() {
        position++;
        if (position < regex.length() && regex.charAt(position) == '^') {
            position++;
        }
        if (position < regex.length() && regex.charAt(position) == ']') {
            position++;
        }
        while (position < regex.length() && regex.charAt(position) != ']') {
            position += regex.charAt(position) == '\\' ? 2 : 1;
        }
        position = Math.min(regex.length(), position + 1);
    }

    /** The multiplier of the quantifiers following an atom (several may follow, e.g. {@code a{10}{10}}). */
    private long repetition() {
        long factor = 1;
        while (position < regex.length()) {
            char c = regex.charAt(position);
            if (c == '*' || c == '+' || c == '?') {
                position++;
                factor = saturate(factor * 2);
            } else if (c == '{') {
                long counted = counted();
                if (counted == 0) {
                    return factor;
                }
                factor = saturate(factor * counted);
            } else {
                return factor;
            }
            if (position < regex.length() && regex.charAt(position) == '?') {
                position++; // lazy
            }
        }
        return factor;
    }

    /**
     * Parses {@code {n}}, {@code {n,}} or {@code {n,m}} at the position and returns its factor (the largest count plus
     * one), or 0 when the brace is a literal character.
     */
    private long counted() {
        int end = position + 1;
        while (end < regex.length() && end - position <= 16 && regex.charAt(end) != '}') {
            end++;
        }
        if (end >= regex.length() || regex.charAt(end) != '}') {
            return 0;
        }
        String body = regex.substring(position + 1, end);
        if (!body.matches("\\d{1,6}(,\\d{0,6})?")) {
            return 0;
        }
        String[] bounds = body.split(",", -1);
        long max = Long.parseLong(bounds[0]);
        if (bounds.length == 2 && !bounds[1].isEmpty()) {
            max = Math.max(max, Long.parseLong(bounds[1]));
        }
        position = end + 1;
        return max + 1;
    }

    private static long saturate(long value) {
        return value < 0 || value > LIMIT ? LIMIT + 1 : value;
    }
}
