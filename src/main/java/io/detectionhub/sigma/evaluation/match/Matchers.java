package io.detectionhub.sigma.evaluation.match;


import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

import io.detectionhub.sigma.evaluation.TimestampParser;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.model.Cidr;

/** The value matchers, one per kind of Sigma value. */
public final class Matchers {

    private Matchers() {
    }

    /**
     * A string value: wildcard patterns, one per expansion of the value (see {@link StringValueCompiler} for what
     * each string modifier does to it), any of which matches; numbers and booleans of the event match their text.
     */
    public record StringMatch(List<StringPattern> patterns, String pattern) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (int i = 0, n = values.size(); i < n; i++) {
                EventValue v = values.get(i);
                if (v.isNull()) {
                    continue;
                }
                for (int j = 0, m = patterns.size(); j < m; j++) {
                    StringPattern p = patterns.get(j);
                    if (p.matches(v.text(), p.cased() ? null : v.lower())) {
                        return v;
                    }
                }
            }
            return null;
        }
    }

    /** A YAML number: equal text ({@code 4688} and {@code "4688"}), or numerically equal numeric text. */
    public record NumberMatch(BigDecimal number, String pattern, boolean canonicalInteger) implements ValueMatcher {
        public NumberMatch(BigDecimal number, String pattern) {
            this(number, pattern, isCanonicalInteger(pattern));
        }

        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                if (v.isNull()) {
                    continue;
                }
                if (v.text().equals(pattern)) {
                    return v;
                }
                if (canonicalInteger && isCanonicalInteger(v.text())) {
                    continue;
                }
                BigDecimal d = parseNumber(v.text());
                if (d != null && d.compareTo(number) == 0) {
                    return v;
                }
            }
            return null;
        }
    }

    public record BoolMatch(boolean value, String pattern) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                if (!v.isNull() && v.text().equalsIgnoreCase(Boolean.toString(value))) {
                    return v;
                }
            }
            return null;
        }
    }

    /** {@code null}: the field is absent or JSON null. */
    public record NullMatch() implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            if (values.isEmpty()) {
                return ABSENT;
            }
            for (EventValue v : values) {
                if (v.isNull()) {
                    return v;
                }
            }
            return null;
        }

        @Override
        public String pattern() {
            return "null";
        }
    }

    /** {@code exists: true|false}: presence only; a null or empty value is present. */
    public record ExistsMatch(boolean expected) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            boolean present = !values.isEmpty();
            if (present != expected) {
                return null;
            }
            return present ? values.get(0) : ABSENT;
        }

        @Override
        public String pattern() {
            return Boolean.toString(expected);
        }
    }

    /**
     * {@code re} with its flags {@code i}, {@code m}, {@code s}: a search (not anchored) by RE2/J, which runs in time
     * linear in the value; case-sensitive unless {@code i}.
     */
    public record RegexMatch(Pattern regex, String pattern) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                if (!v.isNull() && regex.matcher(v.text()).find()) {
                    return v;
                }
            }
            return null;
        }
    }

    public enum Comparison { LT, LTE, GT, GTE, EQ }

    /** {@code lt}/{@code lte}/{@code gt}/{@code gte}: numbers and numeric strings compared numerically. */
    public record CompareMatch(Comparison comparison, BigDecimal bound, String pattern) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                BigDecimal d = v.isNull() ? null : parseNumber(v.text());
                if (d != null && compare(comparison, d.compareTo(bound))) {
                    return v;
                }
            }
            return null;
        }
    }

    public enum TimePart { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    /** {@code minute}..{@code year}: the part of the event's date-time as written (no time-zone conversion). */
    public record TimePartMatch(TimePart part, Comparison comparison, long number, String pattern)
            implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                LocalDateTime t = v.isNull() ? null : TimestampParser.parseLocal(v.text());
                if (t == null) {
                    continue;
                }
                long value = switch (part) {
                    case MINUTE -> t.getMinute();
                    case HOUR -> t.getHour();
                    case DAY -> t.getDayOfMonth();
                    case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case MONTH -> t.getMonthValue();
                    case YEAR -> t.getYear();
                };
                if (compare(comparison, Long.compare(value, number))) {
                    return v;
                }
            }
            return null;
        }
    }

    /** {@code cidr}: IPv4 or IPv6 addresses inside the network. */
    public record CidrMatch(Cidr cidr, String pattern) implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            for (EventValue v : values) {
                if (!v.isNull() && cidr.contains(v.parsed(Cidr.ADDRESS))) {
                    return v;
                }
            }
            return null;
        }
    }

    public enum Position { EQUALS, STARTSWITH, ENDSWITH, CONTAINS }

    /** {@code fieldref}: the field's value compared with another field's value of the same event. */
    public record FieldRefMatch(String otherField, Position position, boolean cased, String pattern)
            implements ValueMatcher {
        @Override
        public EventValue match(Event event, List<EventValue> values) {
            List<EventValue> others = event.values(otherField);
            for (EventValue v : values) {
                if (v.isNull()) {
                    continue;
                }
                String a = cased ? v.text() : v.lower();
                for (EventValue o : others) {
                    if (o.isNull()) {
                        continue;
                    }
                    String b = cased ? o.text() : o.lower();
                    boolean ok = switch (position) {
                        case EQUALS -> a.equals(b);
                        case STARTSWITH -> a.startsWith(b);
                        case ENDSWITH -> a.endsWith(b);
                        case CONTAINS -> a.contains(b);
                    };
                    if (ok) {
                        return v;
                    }
                }
            }
            return null;
        }
    }

    /** Digits without a leading zero (or "0"): two such texts are equal numbers exactly when they are equal. */
    public static boolean isCanonicalInteger(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || (s.charAt(0) == '0' && n > 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean compare(Comparison c, int cmp) {
        return switch (c) {
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case EQ -> cmp == 0;
        };
    }

    /** A decimal number written plainly (no hex, no exponent beyond 30 digits), or null. */
    public static BigDecimal parseNumber(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 40 || !decimalSyntax(t)) {
            return null;
        }
        BigDecimal d = new BigDecimal(t);
        return Math.abs(d.scale()) > 1000 ? null : d;
    }

    /**
     * True for {@code [+-]digits[.digits][e[+-]digits]} (either digit run may be empty, not both): checked before
     * BigDecimal parses, because an exception per non-numeric value (addresses, hex ids, dates) would cost more
     * than the whole evaluation of the event.
     */
    static boolean decimalSyntax(String t) {
        int i = 0;
        int n = t.length();
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
