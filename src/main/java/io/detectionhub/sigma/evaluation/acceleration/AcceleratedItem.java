package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.match.Matchers;
import io.detectionhub.sigma.evaluation.match.ValueMatcher;

/**
 * A {@link CompiledItem} answered with shortcuts that give the same answer: the plain values of an OR item with many
 * of them together ({@link PlainLiterals}), regular expressions through their prefilters ({@link PrefilteredRegex}),
 * every other value by its own matcher.
 */
final class AcceleratedItem {

    private final CompiledItem item;
    private final boolean all;
    private final boolean negated;
    /** The plain values of an OR item when it has many, else null. */
    private final PlainLiterals plainLiterals;
    /** The matchers neither {@link #plainLiterals} nor {@link #regexes} answers. */
    private final ValueMatcher[] others;
    private final PrefilteredRegex[] regexes;

    AcceleratedItem(CompiledItem item) {
        this.item = item;
        this.all = item.all();
        this.negated = item.negated();
        List<ValueMatcher> plain = item.matchers().stream().filter(PlainLiterals::plain).toList();
        boolean plainTogether = !all && plain.size() >= PlainLiterals.MIN_LITERALS;
        this.plainLiterals = plainTogether ? PlainLiterals.of(plain) : null;
        List<ValueMatcher> others = new ArrayList<>();
        List<PrefilteredRegex> regexes = new ArrayList<>();
        for (ValueMatcher m : item.matchers()) {
            if (m instanceof Matchers.RegexMatch regex) {
                regexes.add(new PrefilteredRegex(regex));
            } else if (!plainTogether || !PlainLiterals.plain(m)) {
                others.add(m);
            }
        }
        this.others = others.toArray(ValueMatcher[]::new);
        this.regexes = regexes.toArray(PrefilteredRegex[]::new);
    }

    /** The same answer as {@link CompiledItem#matches}. */
    boolean matches(Event event) {
        List<EventValue> values = item.values(event);
        boolean result;
        if (all) {
            result = true;
            for (int i = 0; i < others.length && result; i++) {
                result = others[i].match(event, values) != null;
            }
            for (int i = 0; i < regexes.length && result; i++) {
                result = regexes[i].matchesAny(values);
            }
        } else {
            result = plainLiterals != null && plainLiterals.matchesAny(values);
            for (int i = 0; i < others.length && !result; i++) {
                result = others[i].match(event, values) != null;
            }
            for (int i = 0; i < regexes.length && !result; i++) {
                result = regexes[i].matchesAny(values);
            }
        }
        return result != negated;
    }
}
