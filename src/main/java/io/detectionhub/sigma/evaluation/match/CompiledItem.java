package io.detectionhub.sigma.evaluation.match;

import java.util.ArrayList;
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

    CompiledItem(DetectionItem source, String[] fieldKeys, ValueMatcher[] matchers, boolean all, boolean negated) {
        this.source = source;
        this.field = source.field();
        this.fieldKeys = fieldKeys;
        this.matchers = matchers;
        this.all = all;
        this.negated = negated;
        this.modifierNames = source.modifiers().stream().map(m -> m.keyword()).toList();
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
            result = false;
            for (ValueMatcher m : matchers) {
                if (m.match(event, values) != null) {
                    result = true;
                    break;
                }
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
     * Necessary conditions for the shared literal search: a list of gates, each a set of lower-cased literals of
     * which at least one must occur in the event for this item to match. Empty when the item has no usable literal
     * (negated items, regular expressions, numeric comparisons...).
     */
    public List<List<String>> gates() {
        if (negated) {
            return List.of();
        }
        List<List<String>> gates = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        for (ValueMatcher m : matchers) {
            List<String> literals = usable(m.requiredLiterals());
            if (all) {
                if (literals != null) {
                    gates.add(literals);
                }
            } else if (literals == null) {
                return List.of();
            } else {
                anyOf.addAll(literals);
            }
        }
        if (!all && !anyOf.isEmpty()) {
            gates.add(anyOf);
        }
        return gates;
    }

    private static List<String> usable(List<String> literals) {
        if (literals == null || literals.isEmpty()) {
            return null;
        }
        for (String l : literals) {
            if (usable(l) == null) {
                return null;
            }
        }
        return literals;
    }

    /**
     * Short literals would not narrow anything down; control characters never occur in the search text; the few
     * characters whose lower case depends on context (dotted capital I, Greek sigma) could differ between the
     * literal and the lower-cased event text.
     */
    private static String usable(String literal) {
        if (literal == null || literal.isEmpty() || literal.length() < 3 && literal.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u0130' || c == '\u0131' || c == '\u03a3' || c == '\u03c3'
                    || c == '\u03c2' || (c >= 0x80 && c < 0xA0)) {
                return null;
            }
        }
        return literal;
    }
}
