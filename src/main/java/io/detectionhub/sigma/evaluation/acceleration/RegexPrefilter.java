package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every match of a regular expression must contain, for the shared multi-pattern search: a list of clauses,
 * each a set of lower-cased strings of which a match contains at least one (all clauses hold together). Computed
 * the way RE2's prefilter does: small sets of exact strings are built bottom-up (a literal, a short character class,
 * their concatenations and alternations) and turn into clauses where they grow too large or where a repetition
 * breaks adjacency. Anything not understood (an unknown escape, a large or negated class) constrains nothing, so
 * the result is conservative: it may miss constraints, never invent one. Case is ignored throughout because probes
 * compare lower-cased text.
 */
final class RegexPrefilter {

    private static final int MAX_EXACT = 16;
    private static final int MAX_LENGTH = 40;
    private static final int MAX_CLASS = 8;

    /**
     * Exact: the node matches exactly one of these strings. Otherwise clauses (empty: no constraint). Min: the
     * fewest characters a match of the node has.
     */
    private record Info(Set<String> exact, List<Set<String>> clauses, int min) {

        static final Info ANY = new Info(null, List.of(), 0);
        static final Info ANY_CHAR = new Info(null, List.of(), 1);
        static final Info EMPTY = new Info(Set.of(""), null, 0);

        Info(Set<String> exact, List<Set<String>> clauses) {
            this(exact, clauses, exact == null ? 0 : exact.stream().mapToInt(String::length).min().orElse(0));
        }

        Info withMin(int min) {
            return new Info(exact, clauses, min);
        }

        List<Set<String>> toClauses() {
            if (exact == null) {
                return clauses;
            }
            return exact.contains("") ? List.of() : List.of(exact);
        }
    }

    private static final int MAX_DEPTH = 100;
    /** Characters whose lower case depends on their context or has another length. */
    private static final String CONTEXTUAL = "\u0130\u0131\u03a3\u03c3\u03c2";

    private final String regex;
    /** RE2's case folding relates more characters than lower-casing does (s and U+017F long s, for one). */
    private final boolean foldCase;
    private int pos;
    private int depth;

    private RegexPrefilter(String regex, boolean foldCase) {
        this.regex = regex;
        this.foldCase = foldCase || regex.matches("(?s).*\\(\\?[a-zA-Z]*i[a-zA-Z]*[:)].*");
    }

    /** The clauses, or an empty list when nothing is known to be required. */
    static List<Set<String>> clauses(String regex) {
        return clauses(regex, false);
    }

    /** With {@code caseInsensitive}: compiled with RE2's CASE_INSENSITIVE flag. */
    static List<Set<String>> clauses(String regex, boolean caseInsensitive) {
        Info info = analyse(regex, caseInsensitive);
        return info == null ? List.of() : info.toClauses();
    }

    /** The fewest characters a match has (0 when unknown). */
    static int minimumLength(String regex) {
        Info info = analyse(regex, false);
        return info == null ? 0 : info.min();
    }

    private static Info analyse(String regex, boolean caseInsensitive) {
        try {
            RegexPrefilter p = new RegexPrefilter(regex, caseInsensitive);
            Info info = p.alternation();
            return p.pos == regex.length() ? info : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The index just after the next {@code c} from {@code from}; fails when there is none. */
    private int after(char c, int from) {
        int at = regex.indexOf(c, from);
        if (at < 0) {
            throw new IllegalArgumentException("missing " + c);
        }
        return at + 1;
    }

    private Info alternation() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested too deeply");
        }
        Info result = concatenation();
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            result = alternate(result, concatenation());
        }
        depth--;
        return result;
    }

    /**
     * Adjacent exact parts are multiplied into one run of exact strings; a part without exact strings ends the run,
     * which becomes a clause, and adds its own clauses.
     */
    private Info concatenation() {
        List<Set<String>> clauses = new ArrayList<>();
        Info run = Info.EMPTY;
        boolean exactOnly = true;
        int min = 0;
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Info part = repetition();
            min = (int) Math.min(Integer.MAX_VALUE / 2, (long) min + part.min());
            if (part.exact() != null) {
                Info joined = concat(run, part);
                if (joined.exact() != null) {
                    run = joined;
                    continue;
                }
                clauses.addAll(run.toClauses());
                run = part;
            } else {
                clauses.addAll(run.toClauses());
                clauses.addAll(part.clauses());
                run = Info.EMPTY;
            }
            exactOnly = false;
        }
        if (exactOnly) {
            return run;
        }
        clauses.addAll(run.toClauses());
        return new Info(null, clauses, min);
    }

    private Info repetition() {
        Info atom = atom();
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            int min;
            int max = -1;
            if (c == '*' || c == '?') {
                pos++;
                min = 0;
            } else if (c == '+') {
                pos++;
                min = 1;
            } else if (c == '{' && isCounter(pos)) {
                int close = regex.indexOf('}', pos);
                String body = regex.substring(pos + 1, close);
                pos = close + 1;
                String first = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
                min = first.isEmpty() ? 0 : Integer.parseInt(first);
                max = body.contains(",") ? -1 : min;
            } else {
                break;
            }
            if (pos < regex.length() && regex.charAt(pos) == '?') {
                pos++;
            }
            if (min == 1 && max == 1) {
                continue;
            }
            int repeatedMin = (int) Math.min(Integer.MAX_VALUE / 2, (long) min * atom.min());
            atom = min == 0 ? Info.ANY : new Info(null, atom.toClauses(), repeatedMin);
        }
        return atom;
    }

    private boolean isCounter(int at) {
        int close = regex.indexOf('}', at);
        return close > at + 1 && regex.substring(at + 1, close).matches("\\d*(,\\d*)?")
                && !regex.substring(at + 1, close).equals(",");
    }

    private Info atom() {
        char c = regex.charAt(pos++);
        switch (c) {
            case '(' -> {
                if (regex.startsWith("?", pos)) {
                    int end = pos + 1;
                    while (end < regex.length() && Character.isLetter(regex.charAt(end))) {
                        end++;
                    }
                    if (end < regex.length() && regex.charAt(end) == ')' && end > pos + 1) {
                        pos = end + 1;
                        return Info.EMPTY;
                    }
                    if (end < regex.length() && regex.charAt(end) == ':') {
                        pos = end + 1;
                    } else if (regex.startsWith("?P<", pos) || regex.startsWith("?<", pos)
                            && pos + 2 < regex.length() && Character.isLetter(regex.charAt(pos + 2))) {
                        pos = after('>', pos);
                    } else {
                        throw new IllegalArgumentException("group");
                    }
                }
                Info inner = alternation();
                if (pos >= regex.length() || regex.charAt(pos) != ')') {
                    throw new IllegalArgumentException("unclosed group");
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return characterClass();
            }
            case '.' -> {
                return Info.ANY_CHAR;
            }
            case '^', '$' -> {
                return Info.EMPTY;
            }
            case '\\' -> {
                return escape();
            }
            case ')', '*', '+', '?' -> throw new IllegalArgumentException("unexpected " + c);
            default -> {
                return literal(c);
            }
        }
    }

    private Info escape() {
        char c = regex.charAt(pos++);
        switch (c) {
            case 'b', 'B', 'A', 'z' -> {
                return Info.EMPTY;
            }
            case 'n' -> {
                return literal('\n');
            }
            case 't' -> {
                return literal('\t');
            }
            case 'r' -> {
                return literal('\r');
            }
            case 'f' -> {
                return literal('\f');
            }
            case 'Q' -> {
                int end = regex.indexOf("\\E", pos);
                String quoted = end < 0 ? regex.substring(pos) : regex.substring(pos, end);
                pos = end < 0 ? regex.length() : end + 2;
                Info result = Info.EMPTY;
                for (int i = 0; i < quoted.length(); i++) {
                    result = concat(result, literal(quoted.charAt(i)));
                }
                return result;
            }
            case 'x' -> {
                String hex;
                if (regex.startsWith("{", pos)) {
                    int close = after('}', pos) - 1;
                    hex = regex.substring(pos + 1, close);
                    pos = close + 1;
                } else {
                    hex = regex.substring(pos, pos + 2);
                    pos += 2;
                }
                int code = Integer.parseInt(hex, 16);
                return Character.isBmpCodePoint(code) ? literal((char) code) : Info.ANY_CHAR;
            }
            default -> {
                if (Character.isDigit(c)) {
                    // an octal character code: one character, not worth decoding
                    for (int digits = 1; digits < 3 && pos < regex.length() && isOctal(regex.charAt(pos)); digits++) {
                        pos++;
                    }
                    return Info.ANY_CHAR;
                }
                if (Character.isLetter(c)) {
                    // \d \w \s \p{..} \pL: one character, no literal constraint
                    if ((c == 'p' || c == 'P') && regex.startsWith("{", pos)) {
                        pos = after('}', pos);
                    } else if (c == 'p' || c == 'P') {
                        pos++;
                    }
                    return Info.ANY_CHAR;
                }
                return literal(c);
            }
        }
    }

    private Info characterClass() {
        boolean negated = regex.startsWith("^", pos);
        if (negated) {
            pos++;
        }
        Set<String> chars = new LinkedHashSet<>();
        boolean unknown = negated;
        boolean first = true;
        while (true) {
            char c = regex.charAt(pos++);
            if (c == ']' && !first) {
                break;
            }
            first = false;
            if (c == '[') {
                unknown = true;
                if (regex.startsWith(":", pos)) {
                    pos = after(']', pos);
                }
                continue;
            }
            if (c == '\\') {
                char e = regex.charAt(pos++);
                if (Character.isLetterOrDigit(e)) {
                    unknown = true;
                    if ((e == 'p' || e == 'P' || e == 'x') && regex.startsWith("{", pos)) {
                        pos = after('}', pos);
                    } else if (e == 'x') {
                        pos += 2;
                    } else if (e == 'p' || e == 'P') {
                        pos++;
                    }
                    continue;
                }
                c = e;
            }
            if (pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                char to = regex.charAt(pos + 1);
                pos += 2;
                if (to == '\\') {
                    unknown = true;
                    pos++;
                    continue;
                }
                if (to - c + 1 > MAX_CLASS) {
                    unknown = true;
                    continue;
                }
                for (char x = c; x <= to && !unknown; x++) {
                    unknown = !addFolded(chars, x);
                }
            } else if (!addFolded(chars, c)) {
                unknown = true;
            }
        }
        if (unknown || chars.isEmpty() || chars.size() > MAX_CLASS) {
            return Info.ANY_CHAR;
        }
        return new Info(chars, null);
    }

    private static String lower(char c) {
        return String.valueOf(c).toLowerCase(Locale.ROOT);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    /**
     * Adds the lower-cased forms a value holds where the regex has {@code c}; false when they are not known: a
     * character whose lower case depends on context or changes length, and under case folding any non-ASCII letter
     * (its fold orbit may hold characters that lower-case differently). An {@code s} under case folding may also be
     * U+017F, which lower-cases to itself.
     */
    private boolean addFolded(Set<String> out, char c) {
        String l = lower(c);
        if (l.length() != 1 || CONTEXTUAL.indexOf(c) >= 0 || CONTEXTUAL.indexOf(l.charAt(0)) >= 0
                || foldCase && c >= 0x80 && Character.isLetter(c)) {
            return false;
        }
        out.add(l);
        if (foldCase && l.equals("s")) {
            out.add("\u017f");
        }
        return true;
    }

    private Info literal(char c) {
        Set<String> forms = new LinkedHashSet<>();
        return addFolded(forms, c) ? new Info(forms, null) : Info.ANY_CHAR;
    }

    private static Info concat(Info a, Info b) {
        if (a.exact() != null && b.exact() != null && a.exact().size() * b.exact().size() <= MAX_EXACT) {
            Set<String> product = new LinkedHashSet<>();
            boolean tooLong = false;
            for (String x : a.exact()) {
                for (String y : b.exact()) {
                    product.add(x + y);
                    tooLong |= x.length() + y.length() > MAX_LENGTH;
                }
            }
            if (!tooLong) {
                return new Info(product, null);
            }
        }
        List<Set<String>> clauses = new ArrayList<>(a.toClauses());
        clauses.addAll(b.toClauses());
        return new Info(null, clauses, a.min() + b.min());
    }

    private static Info alternate(Info a, Info b) {
        if (a.exact() != null && b.exact() != null) {
            Set<String> union = new LinkedHashSet<>(a.exact());
            union.addAll(b.exact());
            if (union.size() <= MAX_EXACT) {
                return new Info(union, null);
            }
        }
        int min = Math.min(a.min(), b.min());
        Set<String> left = best(a.toClauses());
        Set<String> right = best(b.toClauses());
        if (left == null || right == null) {
            return Info.ANY.withMin(min);
        }
        Set<String> either = new LinkedHashSet<>(left);
        either.addAll(right);
        return new Info(null, List.of(either), min);
    }

    /** The clause whose shortest string is longest (the most selective guess), or null when there is none. */
    static Set<String> best(List<Set<String>> clauses) {
        Set<String> best = null;
        int bestShortest = -1;
        for (Set<String> clause : clauses) {
            int shortest = clause.stream().mapToInt(String::length).min().orElse(0);
            if (shortest > bestShortest || shortest == bestShortest && clause.size() < best.size()) {
                best = clause;
                bestShortest = shortest;
            }
        }
        return best;
    }
}
