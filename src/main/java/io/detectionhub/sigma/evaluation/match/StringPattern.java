package io.detectionhub.sigma.evaluation.match;


import java.util.Locale;

/**
 * A compiled Sigma string value: literal characters, {@code *} (any sequence), {@code ?} (one character) and windash
 * positions (one of {@code - / – — ―}). Plain shapes (exact, prefix, suffix, substring) take a fast path; the general
 * case uses greedy wildcard matching with single-star backtracking, which is O(text × pattern) at worst.
 * Case-insensitive patterns compare lower-cased text (each event value is lower-cased once, see
 * {@link io.detectionhub.sigma.evaluation.event.EventValue#lower()}).
 */
public final class StringPattern {

    /** Pattern code points below zero are wildcards: {@code *}. */
    public static final int ANY_SEQUENCE = -1;
    /** {@code ?}. */
    public static final int ANY_CHAR = -2;
    /** A windash position: one of {@link #WINDASH_CHARACTERS}. */
    public static final int DASH = -3;

    public static final String WINDASH_CHARACTERS = "-/\u2013\u2014\u2015";

    /** The plain shapes are one literal compared in one call; {@code GLOB} is everything else. */
    public enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, GLOB }

    private final int[] codes;
    private final boolean cased;
    private final Shape shape;
    private final String literal;

    public StringPattern(int[] codes, boolean cased) {
        this.cased = cased;
        int[] c = codes.clone();
        if (!cased) {
            for (int i = 0; i < c.length; i++) {
                if (c[i] >= 0) {
                    c[i] = lowerCodePoint(c[i]);
                }
            }
        }
        this.codes = c;
        Shape s = Shape.GLOB;
        String lit = null;
        int n = c.length;
        boolean startsStar = n > 0 && c[0] == ANY_SEQUENCE;
        boolean endsStar = n > 0 && c[n - 1] == ANY_SEQUENCE;
        int from = startsStar ? 1 : 0;
        int to = endsStar && n > from ? n - 1 : n;
        boolean plainMiddle = true;
        for (int i = from; i < to; i++) {
            if (c[i] < 0) {
                plainMiddle = false;
                break;
            }
        }
        if (plainMiddle) {
            lit = new String(c, from, to - from);
            s = startsStar && endsStar ? Shape.CONTAINS : startsStar ? Shape.SUFFIX : endsStar ? Shape.PREFIX
                    : Shape.EXACT;
        }
        this.shape = s;
        this.literal = lit;
    }

    private static int lowerCodePoint(int cp) {
        String s = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
        return s.codePointCount(0, s.length()) == 1 ? s.codePointAt(0) : cp;
    }

    public boolean cased() {
        return cased;
    }

    public Shape shape() {
        return shape;
    }

    /** The literal of a plain shape (without its wildcards; lower-cased unless cased), null for {@link Shape#GLOB}. */
    public String literal() {
        return literal;
    }

    /** The pattern's code points (lower-cased unless cased), wildcards below zero. */
    public int[] codes() {
        return codes.clone();
    }

    /** Text compared against: the value itself when cased, else its lower-cased form. */
    public boolean matches(String text, String lowerText) {
        String t = cased ? text : lowerText;
        if (t == null) {
            return false;
        }
        return switch (shape) {
            case EXACT -> t.equals(literal);
            case PREFIX -> t.startsWith(literal);
            case SUFFIX -> t.endsWith(literal);
            case CONTAINS -> t.contains(literal);
            case GLOB -> glob(t);
        };
    }

    /** True when this pattern is a substring search (keyword values get implicit surrounding wildcards). */
    public boolean isContains() {
        return shape == Shape.CONTAINS;
    }

    private boolean glob(String text) {
        int[] p = codes;
        int pn = p.length;
        int tn = text.length();
        int ti = 0;
        int pi = 0;
        int starP = -1;
        int starT = -1;
        while (ti < tn) {
            int ch = text.codePointAt(ti);
            int width = Character.charCount(ch);
            if (pi < pn && p[pi] == ANY_SEQUENCE) {
                starP = pi++;
                starT = ti;
            } else if (pi < pn && single(p[pi], ch)) {
                pi++;
                ti += width;
            } else if (starP >= 0) {
                pi = starP + 1;
                starT += Character.charCount(text.codePointAt(starT));
                ti = starT;
            } else {
                return false;
            }
        }
        while (pi < pn && p[pi] == ANY_SEQUENCE) {
            pi++;
        }
        return pi == pn;
    }

    private static boolean single(int code, int ch) {
        if (code >= 0) {
            return code == ch;
        }
        if (code == ANY_CHAR) {
            return true;
        }
        return code == DASH && WINDASH_CHARACTERS.indexOf(ch) >= 0;
    }

    /** The pattern in Sigma notation ({@code *}, {@code ?}, windash positions as {@code [-/–—―]}). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int c : codes) {
            switch (c) {
                case ANY_SEQUENCE -> sb.append('*');
                case ANY_CHAR -> sb.append('?');
                case DASH -> sb.append("[" + WINDASH_CHARACTERS + "]");
                default -> {
                    if (c == '*' || c == '?' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.appendCodePoint(c);
                }
            }
        }
        return sb.toString();
    }
}
