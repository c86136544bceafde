package io.detectionhub.sigma.evaluation.acceleration;

/**
 * A run of characters that every match of a regular expression holds: at least {@code length} consecutive characters
 * of one class, as in {@code \s[a-fA-F0-9]{64}\s} or {@code [^/]{100,}$}. Checking a value for it is one pass with a
 * table read per character, where RE2/J would simulate the whole program; only values that hold the run are given
 * to RE2/J.
 * <p>
 * Found conservatively: only a class repeated at least {@link #MIN_LENGTH} times at the top level of the expression
 * (not inside a group, no top-level alternation) counts, and the class is widened where its exact meaning would take
 * Unicode case folding: with case-insensitive matching its letters stand for both cases and any non-ASCII character
 * counts as a member. A wider class only lets more values through to RE2/J; no value that matches is ever stopped.
 */
final class ClassRun {

    static final int MIN_LENGTH = 8;

    private final boolean[] ascii;
    private final boolean nonAscii;
    private final int length;

    private ClassRun(boolean[] ascii, boolean nonAscii, int length) {
        this.ascii = ascii;
        this.nonAscii = nonAscii;
        this.length = length;
    }

    int length() {
        return length;
    }

    /**
     * True when the value has {@link #length()} consecutive characters of the class. Each window of that length is
     * read from its end back to the characters already known to be members: a non-member rules out every run
     * through it, so the next window starts after it. Over text without long runs, one character in about
     * {@code length} is read; no character is read twice.
     */
    boolean occursIn(String text) {
        int n = text.length();
        int start = 0;
        int knownUpTo = -1;
        while (start + length <= n) {
            int i = start + length - 1;
            while (i > knownUpTo && member(text.charAt(i))) {
                i--;
            }
            if (i <= knownUpTo) {
                return true;
            }
            knownUpTo = start + length - 1;
            start = i + 1;
        }
        return false;
    }

    private boolean member(char c) {
        return c < 128 ? ascii[c] : nonAscii;
    }

    /** The longest run the expression requires, or null when none is known. */
    static ClassRun of(String regex, boolean caseInsensitive) {
        try {
            return new Finder(regex, caseInsensitive || regex.matches("(?s).*\\(\\?[a-zA-Z]*i[a-zA-Z]*[:)].*"))
                    .longest();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final class Finder {
        private final String regex;
        private final boolean foldCase;
        private int pos;

        Finder(String regex, boolean foldCase) {
            this.regex = regex;
            this.foldCase = foldCase;
        }

        ClassRun longest() {
            ClassRun best = null;
            while (pos < regex.length()) {
                char c = regex.charAt(pos++);
                ClassRun atom = null;
                switch (c) {
                    case '|' -> {
                        return null;
                    }
                    case '(' -> skipGroup();
                    case '[' -> atom = characterClass();
                    case '\\' -> atom = escape();
                    default -> {
                    }
                }
                int min = repetitionMinimum();
                if (atom != null && min >= MIN_LENGTH && (best == null || min > best.length)) {
                    best = new ClassRun(atom.ascii, atom.nonAscii, min);
                }
            }
            return best;
        }

        /** The fewest repetitions the quantifier after an atom allows (1 without a quantifier). */
        private int repetitionMinimum() {
            if (pos >= regex.length()) {
                return 1;
            }
            char c = regex.charAt(pos);
            int min;
            if (c == '*' || c == '?') {
                pos++;
                min = 0;
            } else if (c == '+') {
                pos++;
                min = 1;
            } else if (c == '{' && regex.indexOf('}', pos) > pos
                    && regex.substring(pos + 1, regex.indexOf('}', pos)).matches("\\d+(,\\d*)?")) {
                String body = regex.substring(pos + 1, regex.indexOf('}', pos));
                pos = regex.indexOf('}', pos) + 1;
                min = Integer.parseInt(body.contains(",") ? body.substring(0, body.indexOf(',')) : body);
            } else {
                return 1;
            }
            if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < regex.length() && "*+?{".indexOf(regex.charAt(pos)) >= 0) {
                throw new IllegalArgumentException("nested quantifier");
            }
            return min;
        }

        /** Skips a group with everything in it (classes and escapes may hold parentheses). */
        private void skipGroup() {
            int depth = 1;
            while (depth > 0) {
                char c = regex.charAt(pos++);
                if (c == '\\') {
                    if (regex.charAt(pos) == 'Q') {
                        throw new IllegalArgumentException("quoted text");
                    }
                    pos++;
                } else if (c == '[') {
                    characterClass();
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
        }

        private ClassRun escape() {
            char c = regex.charAt(pos++);
            boolean[] members = new boolean[128];
            switch (c) {
                case 'd', 'w', 's' -> {
                    addPerlClass(members, c);
                    return new ClassRun(members, foldCase && c == 'w', 0);
                }
                case 'Q' -> throw new IllegalArgumentException("quoted text");
                case 'x', 'p', 'P' -> {
                    if (regex.startsWith("{", pos)) {
                        pos = regex.indexOf('}', pos) + 1;
                    } else {
                        pos += c == 'x' ? 2 : 1;
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }

        private ClassRun characterClass() {
            boolean negated = regex.startsWith("^", pos);
            if (negated) {
                pos++;
            }
            boolean[] members = new boolean[128];
            boolean nonAscii = false;
            boolean first = true;
            while (true) {
                char c = regex.charAt(pos++);
                if (c == ']' && !first) {
                    break;
                }
                first = false;
                if (c == '[') {
                    throw new IllegalArgumentException("nested or named class");
                }
                if (c == '\\') {
                    char e = regex.charAt(pos++);
                    if (e == 'd' || e == 'w' || e == 's') {
                        addPerlClass(members, e);
                        continue;
                    }
                    if (Character.isLetterOrDigit(e)) {
                        throw new IllegalArgumentException("escape in class");
                    }
                    c = e;
                }
                char to = c;
                if (pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                    to = regex.charAt(pos + 1);
                    pos += 2;
                    if (to == '\\' || to == '[') {
                        throw new IllegalArgumentException("escaped range end");
                    }
                }
                for (int x = c; x <= to; x++) {
                    if (x < 128) {
                        members[x] = true;
                    } else {
                        nonAscii = true;
                    }
                }
            }
            if (foldCase) {
                for (char l = 'a'; l <= 'z'; l++) {
                    boolean either = members[l] || members[Character.toUpperCase(l)];
                    members[l] = either;
                    members[Character.toUpperCase(l)] = either;
                    nonAscii |= either;
                }
            }
            if (negated) {
                for (int x = 0; x < 128; x++) {
                    members[x] = !members[x];
                }
                nonAscii = true;
            }
            return new ClassRun(members, nonAscii, 0);
        }

        /** RE2's Perl classes are ASCII only. */
        private static void addPerlClass(boolean[] members, char c) {
            for (int x = 0; x < 128; x++) {
                boolean in = switch (c) {
                    case 'd' -> x >= '0' && x <= '9';
                    case 'w' -> x >= '0' && x <= '9' || x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x == '_';
                    default -> x == ' ' || x == '\t' || x == '\n' || x == '\f' || x == '\r';
                };
                members[x] |= in;
            }
        }
    }
}
