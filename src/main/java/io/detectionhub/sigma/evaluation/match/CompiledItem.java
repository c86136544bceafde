package io.detectionhub.sigma.evaluation.match;

import java.util.List;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.model.DetectionItem;

/**
 * A compiled {@code Field|modifiers: values} entry: its values are OR-ed ({@code all}: AND-ed), {@code neq} negates
 * the whole item (pySigma semantics: an absent field is "different"). The item reads the first of its event keys
 * that the event has; a keyword item (no field) reads every string value of the event.
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

    /** The compiled values, in the order written. */
    public List<ValueMatcher> matchers() {
        return List.of(matchers);
    }

    /** {@code all}: every value must match, not one of them. */
    public boolean all() {
        return all;
    }

    /** {@code neq}: the item holds when its values do not match. */
    public boolean negated() {
        return negated;
    }

    /** The values this item reads in the event: those of its first key present, or every string value. */
    public List<EventValue> values(Event event) {
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
        return (all ? everyMatcherMatches(event, values) : someMatcherMatches(event, values)) != negated;
    }

    private boolean everyMatcherMatches(Event event, List<EventValue> values) {
        for (ValueMatcher m : matchers) {
            if (m.match(event, values) == null) {
                return false;
            }
        }
        return true;
    }

    private boolean someMatcherMatches(Event event, List<EventValue> values) {
        for (ValueMatcher m : matchers) {
            if (m.match(event, values) != null) {
                return true;
            }
        }
        return false;
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
}
