package io.detectionhub.sigma.evaluation.match;

import io.detectionhub.sigma.evaluation.acceleration.probe.Probe;

import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;

/** One compiled value of a detection item, tested against the values of its field. */
public interface ValueMatcher {

    /** Stands for "the field is absent" in an explanation. */
    EventValue ABSENT = EventValue.string("(absent)");

    /**
     * The event value that matched, or null when none did. {@code values} are the field's values (empty when the
     * field is absent; for keyword searches, every string value of the event).
     */
    EventValue match(Event event, List<EventValue> values);

    /** The rule value this matcher was compiled from, as written in the rule. */
    String pattern();

    /**
     * What every matching value holds, for the shared multi-pattern search: clauses that all hold, each a list of
     * probes of which the value holds at least one. Empty when nothing is known.
     */
    default List<List<Probe>> requiredProbes() {
        return List.of();
    }
}
