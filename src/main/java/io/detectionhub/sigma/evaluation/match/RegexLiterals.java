package io.detectionhub.sigma.evaluation.match;

import java.util.Locale;

/**
 * Finds a literal that every match of a regular expression contains: the longest run of plain characters outside
 * groups and classes, with characters made optional by {@code ?}, {@code *} or {@code {0,...}} left out. A top-level
 * alternation has no such literal. Conservative by construction: when in doubt the run ends.
 */
final class RegexLiterals {

    private RegexLiterals() {
    }

    /**
     * Lower-cased literals of which every match contains one: one per top-level alternative; null when some
     * alternative has none.
     */
    static java.util.List<String> requiredAnyOf(String regex) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String branch : topLevelBranches(regex)) {
            String l = required(branch);
            if (l == null) {
                return null;
            }
            out.add(l);
        }
        return out;
    }

    private static java.util.List<String> topLevelBranches(String regex) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    /** The lower-cased required literal of a regular expression without top-level alternation, or null. */
    static String required(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        int n = regex.length();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        return null;
                    }
                    char next = regex.charAt(++i);
                    if (Character.isLetterOrDigit(next)) {
                        best = longer(best, run);
                    } else if (depth == 0) {
                        run.append(next);
                    }
                }
                case '[' -> {
                    best = longer(best, run);
                    inClass = true;
                    if (i + 1 < n && regex.charAt(i + 1) == '^') {
                        i++;
                    }
                    if (i + 1 < n && regex.charAt(i + 1) == ']') {
                        i++;
                    }
                }
                case '(' -> {
                    best = longer(best, run);
                    depth++;
                }
                case ')' -> {
                    best = longer(best, run);
                    depth--;
                }
                case '|' -> {
                    if (depth == 0) {
                        return null;
                    }
                    best = longer(best, run);
                }
                case '*', '?' -> {
                    dropLast(run);
                    best = longer(best, run);
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    if (regex.charAt(i + 1) == '0' || regex.charAt(i + 1) == ',') {
                        dropLast(run);
                    }
                    best = longer(best, run);
                    i = close;
                }
                case '+', '.', '^', '$' -> best = longer(best, run);
                default -> {
                    if (depth == 0) {
                        run.append(c);
                    } else {
                        best = longer(best, run);
                    }
                }
            }
        }
        best = longer(best, run);
        return best.isEmpty() ? null : best.toLowerCase(Locale.ROOT);
    }

    private static void dropLast(StringBuilder run) {
        if (!run.isEmpty()) {
            run.setLength(run.length() - 1);
        }
    }

    private static String longer(String best, StringBuilder run) {
        String r = run.toString();
        run.setLength(0);
        return r.length() > best.length() ? r : best;
    }
}
