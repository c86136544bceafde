package io.detectionhub.sigma.evaluation.match;

import io.detectionhub.sigma.evaluation.acceleration.probe.Probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.model.DetectionItem;

/**
 * A compiled {@code Field|modifiers: values} entry: its values are OR-ed ({@code all}: AND-ed), {@code neq} negates
 * the whole item (pySigma semantics: an absent field is "different"). Keyword items search every string value.
 */
public final class CompiledItem {

    private final DetectionItem source;
    private final String field;
    private final String[] fieldKeys;
    private final ValueMatcher[] matchers;
    private final boolean all;
    private final boolean negated;
    private final List<String> modifierNames;
    /** The plain values of an OR item when it has many (see {@link PlainLiterals}), else null. */
    private final PlainLiterals plainLiterals;
    /** The matchers {@link #plainLiterals} does not answer (all of them when it is null). */
    private final ValueMatcher[] otherMatchers;

    CompiledItem(DetectionItem source, String[] fieldKeys, ValueMatcher[] matchers, boolean all, boolean negated) {
        this.source = source;
        this.field = source.field();
        this.fieldKeys = fieldKeys;
        this.matchers = matchers;
        this.all = all;
        this.negated = negated;
        this.modifierNames = source.modifiers().stream().map(m -> m.keyword()).toList();
        java.util.Map<Boolean, List<ValueMatcher>> byPlain = Arrays.stream(matchers)
                .collect(java.util.stream.Collectors.partitioningBy(PlainLiterals::plain));
        if (!all && byPlain.get(true).size() >= PlainLiterals.MIN_LITERALS) {
            this.plainLiterals = PlainLiterals.of(byPlain.get(true));
            this.otherMatchers = byPlain.get(false).toArray(ValueMatcher[]::new);
        } else {
            this.plainLiterals = null;
            this.otherMatchers = matchers;
        }
    }

    /** The event keys this item reads; null for a keyword item, which reads every string value. */
    public String[] fieldKeys() {
        return fieldKeys;
    }

    public DetectionItem source() {
        return source;
    }

    private List<EventValue> values(Event event) {
        if (fieldKeys == null) {
            return event.stringValues();
        }
        for (String key : fieldKeys) {
            List<EventValue> v = event.values(key);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return List.of();
    }

    public boolean matches(Event event) {
        List<EventValue> values = values(event);
        boolean result;
        if (all) {
            result = true;
            for (ValueMatcher m : matchers) {
                if (m.match(event, values) == null) {
                    result = false;
                    break;
                }
            }
        } else {
            result = plainLiterals != null && plainLiterals.matchesAny(values);
            for (int i = 0; i < otherMatchers.length && !result; i++) {
                result = otherMatchers[i].match(event, values) != null;
            }
        }
        return result != negated;
    }

    /** Adds what made this (matching) item true. */
    public void explain(Event event, List<FieldMatch> out) {
        List<EventValue> values = values(event);
        if (negated) {
            String shown = values.isEmpty() ? null : values.get(0).text();
            for (ValueMatcher m : matchers) {
                out.add(new FieldMatch(field, shown, modifierNames, m.pattern()));
            }
            return;
        }
        for (ValueMatcher m : matchers) {
            EventValue v = m.match(event, values);
            if (v != null) {
                out.add(new FieldMatch(field, v == ValueMatcher.ABSENT ? null : v.text(), modifierNames,
                        m.pattern()));
                if (!all) {
                    return;
                }
            }
        }
    }

    /**
     * Necessary conditions for the shared multi-pattern search: a list of gates, each a set of probes of which at
     * least one must hold in a value of the item's field (for a keyword item, in any string value) for this item to
     * match. Empty when the item has no usable probe (negated items, numeric comparisons, regular expressions
     * without a literal...).
     */
    public List<List<Probe>> gates() {
        if (negated) {
            return List.of();
        }
        List<List<Probe>> gates = new ArrayList<>();
        List<Probe> anyOf = new ArrayList<>();
        for (ValueMatcher m : matchers) {
            List<List<Probe>> clauses = m.requiredProbes().stream().filter(CompiledItem::usable).toList();
            if (all || matchers.length == 1) {
                gates.addAll(clauses);
            } else if (clauses.isEmpty()) {
                return List.of();
            } else {
                anyOf.addAll(mostSelective(clauses));
            }
        }
        if (!anyOf.isEmpty()) {
            gates.add(anyOf);
        }
        return gates;
    }

    /** The clause whose shortest probe is longest. */
    private static List<Probe> mostSelective(List<List<Probe>> clauses) {
        List<Probe> best = clauses.get(0);
        for (List<Probe> clause : clauses) {
            if (shortest(clause) > shortest(best)) {
                best = clause;
            }
        }
        return best;
    }

    private static int shortest(List<Probe> clause) {
        return clause.stream().mapToInt(p -> p.text().length()).min().orElse(0);
    }

    private static boolean usable(List<Probe> clause) {
        if (clause.isEmpty()) {
            return false;
        }
        for (Probe p : clause) {
            if (!usable(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A contains literal of one or two ASCII characters occurs almost everywhere unless it is punctuation that
     * everyday paths and command lines rarely hold (a backtick, {@code ${}, {@code ^^}), and would cost a table probe
     * at every character of the field; the few characters whose lower case depends on context (dotted capital I,
     * Greek sigma) could differ between the probe and the lower-cased event value.
     */
    private static boolean usable(Probe probe) {
        String text = probe.text();
        if (probe.anchor() == Probe.Anchor.CONTAINS && text.length() < 3 && !rareShortLiteral(text)
                || text.isEmpty() && (probe.anchor() == Probe.Anchor.PREFIX
                || probe.anchor() == Probe.Anchor.SUFFIX)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0130' || c == '\u0131' || c == '\u03a3' || c == '\u03c3' || c == '\u03c2') {
                return false;
            }
        }
        return true;
    }

    private static final String COMMON_PUNCTUATION = " \\/.-:\"_,()'=\t";

    /** Non-ASCII text, or punctuation other than the everyday kind, such as a backtick or {@code ${}. */
    static boolean rareShortLiteral(String text) {
        return !text.isEmpty() && (text.chars().anyMatch(c -> c >= 0x80)
                || text.chars().noneMatch(Character::isLetterOrDigit)
                && (text.length() == 2 || COMMON_PUNCTUATION.indexOf(text.charAt(0)) < 0));
    }
}
