package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.Matchers;
import io.detectionhub.sigma.evaluation.match.StringPattern;
import io.detectionhub.sigma.evaluation.match.ValueMatcher;

/**
 * The plain values of one OR item (exact, prefix and suffix literals without wildcards), answered together: the
 * corpus has items of hundreds of such values ({@code ImageLoaded|endswith} lists of system DLLs), which would
 * otherwise be compared one by one. Exact values are a hash set; prefixes and suffixes are found by hashing the
 * value's prefix (suffix) of each length some literal has, growing it one character at a time the way
 * {@link String#hashCode()} is defined, and comparing only the literals of that length and hash. Each literal is
 * compared with the same {@code equals}, {@code startsWith} or {@code endsWith} call as one by one, against the value
 * or its lower-cased form as the literal is cased or not, so the answer is the same.
 */
final class PlainLiterals {

    /** Fewer plain values than this are compared one by one: hashing would not pay. */
    static final int MIN_LITERALS = 8;

    private final Set<String> exactCased = new HashSet<>();
    private final Set<String> exactLower = new HashSet<>();
    private final Anchored prefixCased;
    private final Anchored prefixLower;
    private final Anchored suffixCased;
    private final Anchored suffixLower;

    private PlainLiterals(List<StringPattern> patterns) {
        List<String> pc = new ArrayList<>();
        List<String> pl = new ArrayList<>();
        List<String> sc = new ArrayList<>();
        List<String> sl = new ArrayList<>();
        for (StringPattern p : patterns) {
            boolean cased = p.cased();
            switch (p.shape()) {
                case EXACT -> (cased ? exactCased : exactLower).add(p.literal());
                case PREFIX -> (cased ? pc : pl).add(p.literal());
                case SUFFIX -> (cased ? sc : sl).add(p.literal());
                default -> throw new IllegalArgumentException("Not a plain literal: " + p);
            }
        }
        prefixCased = Anchored.of(pc, false);
        prefixLower = Anchored.of(pl, false);
        suffixCased = Anchored.of(sc, true);
        suffixLower = Anchored.of(sl, true);
    }

    /** True for a single exact, prefix or suffix pattern, which this answers. */
    static boolean plain(ValueMatcher matcher) {
        if (!(matcher instanceof Matchers.StringMatch s) || s.patterns().size() != 1) {
            return false;
        }
        StringPattern.Shape shape = s.patterns().get(0).shape();
        return shape == StringPattern.Shape.EXACT || shape == StringPattern.Shape.PREFIX
                || shape == StringPattern.Shape.SUFFIX;
    }

    /** The literals of these matchers, each {@link #plain}. */
    static PlainLiterals of(List<ValueMatcher> plainMatchers) {
        return new PlainLiterals(plainMatchers.stream()
                .map(m -> ((Matchers.StringMatch) m).patterns().get(0)).toList());
    }

    /** True when some literal matches some (non-null) value. */
    boolean matchesAny(List<EventValue> values) {
        for (int i = 0, n = values.size(); i < n; i++) {
            EventValue v = values.get(i);
            if (!v.isNull() && matches(v)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(EventValue v) {
        String text = v.text();
        if (exactCased.contains(text) || prefixCased != null && prefixCased.holdsIn(text)
                || suffixCased != null && suffixCased.holdsIn(text)) {
            return true;
        }
        if (exactLower.isEmpty() && prefixLower == null && suffixLower == null) {
            return false;
        }
        String lower = v.lower();
        return exactLower.contains(lower) || prefixLower != null && prefixLower.holdsIn(lower)
                || suffixLower != null && suffixLower.holdsIn(lower);
    }

    /** Prefixes (or suffixes) by length and hash, in an open-addressing table. */
    private static final class Anchored {
        private final boolean suffix;
        private final String[] literals;
        /** Length in the high half, hash in the low half; 0 is a free slot (no literal here is empty). */
        private final long[] keys;
        private final int[] literalAt;
        private final int mask;
        private final boolean[] hasLength;
        private final boolean empty;

        private Anchored(boolean suffix, String[] literals) {
            this.suffix = suffix;
            this.literals = literals;
            int max = 0;
            boolean anyEmpty = false;
            for (String l : literals) {
                max = Math.max(max, l.length());
                anyEmpty |= l.isEmpty();
            }
            this.empty = anyEmpty;
            this.hasLength = new boolean[max + 1];
            int size = Integer.highestOneBit(Math.max(4, literals.length) * 2) << 1;
            this.keys = new long[size];
            this.literalAt = new int[size];
            this.mask = size - 1;
            for (int i = 0; i < literals.length; i++) {
                String l = literals[i];
                if (l.isEmpty()) {
                    continue;
                }
                hasLength[l.length()] = true;
                long key = key(l.length(), l.hashCode());
                int s = slot(key);
                while (keys[s] != 0) {
                    s = (s + 1) & mask;
                }
                keys[s] = key;
                literalAt[s] = i;
            }
        }

        static Anchored of(List<String> literals, boolean suffix) {
            return literals.isEmpty() ? null : new Anchored(suffix, literals.toArray(String[]::new));
        }

        private static long key(int length, int hash) {
            return (long) length << 32 | (hash & 0xFFFF_FFFFL);
        }

        private int slot(long key) {
            long h = key * 0x9E37_79B9_7F4A_7C15L;
            return (int) (h >>> 40) & mask;
        }

        boolean holdsIn(String text) {
            if (empty) {
                return true;
            }
            int n = text.length();
            int limit = Math.min(n, hasLength.length - 1);
            int hash = 0;
            int power = 1;
            for (int length = 1; length <= limit; length++) {
                if (suffix) {
                    hash += text.charAt(n - length) * power;
                    power *= 31;
                } else {
                    hash = 31 * hash + text.charAt(length - 1);
                }
                if (hasLength[length] && holds(length, hash, text)) {
                    return true;
                }
            }
            return false;
        }

        private boolean holds(int length, int hash, String text) {
            long key = key(length, hash);
            for (int s = slot(key); keys[s] != 0; s = (s + 1) & mask) {
                if (keys[s] == key) {
                    String literal = literals[literalAt[s]];
                    if (suffix ? text.endsWith(literal) : text.startsWith(literal)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
