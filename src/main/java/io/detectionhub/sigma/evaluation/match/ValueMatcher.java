package io.detectionhub.sigma.evaluation.match;

import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;

/**
 * One compiled value of a detection item, tested against the values of its field: what the value and the item's
 * modifiers mean, one kind of value per type (see the table in {@code package-info}).
 */
public sealed interface ValueMatcher permits Matchers.StringMatch, Matchers.NumberMatch, Matchers.BoolMatch,
        Matchers.NullMatch, Matchers.ExistsMatch, Matchers.RegexMatch, Matchers.CompareMatch, Matchers.TimePartMatch,
        Matchers.CidrMatch, Matchers.FieldRefMatch {

    /** Stands for "the field is absent" in an explanation. */
    EventValue ABSENT = EventValue.string("(absent)");

    /**
     * The event value that matched, or null when none did. {@code values} are the field's values (empty when the
     * field is absent; for keyword searches, every string value of the event).
     */
    EventValue match(Event event, List<EventValue> values);

    /** The rule value this matcher was compiled from, as written in the rule. */
    String pattern();
}
