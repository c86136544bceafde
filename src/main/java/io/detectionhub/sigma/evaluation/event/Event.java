package io.detectionhub.sigma.evaluation.event;

import java.util.List;

/**
 * Field access to one event, the way Sigma rules look at it: a field name gives zero or more scalar values (an array
 * gives one value per element; a rule value matches when any of them does). Field names are matched
 * case-insensitively; nested objects are reachable by dotted names; Windows events in the evtx_dump shape are
 * reachable by their plain Sigma names (see {@link EventBuilder}).
 */
public interface Event {

    /** The values of a field, empty when the field is absent. A JSON null gives {@link EventValue#NULL}. */
    List<EventValue> values(String field);

    /** True when the field is present, whatever its value (null and empty included). */
    default boolean has(String field) {
        return !values(field).isEmpty();
    }

    /** Every scalar value of the event once, nested values included (keyword searches look at these). */
    List<EventValue> allValues();

    /** The string values among {@link #allValues()}: what keyword (field-less) searches look at. */
    List<EventValue> stringValues();

    /**
     * Every lower-cased key of the event, Windows aliases included (a value can be under several keys), in the order
     * of {@link #valueLists()}: what the shared probe search walks through.
     */
    String[] keys();

    /** The values under each of {@link #keys()}, in the same order. */
    List<EventValue>[] valueLists();

    /** The field names present, as written in the event (dotted paths for nested values). */
    java.util.Set<String> fieldNames();
}
