package io.detectionhub.sigma.evaluation;

import java.util.List;

import io.detectionhub.sigma.model.LogSource;

/**
 * Per-run settings: where event timestamps are read (first field present wins), what the events are when they do
 * not say it themselves (a logsource hint given with the upload), how many matches to report at most, and whether
 * the probe search remembers what it found in repeated values (a bounded cache per run: telemetry repeats most of
 * its values, such as images, users and channels; turning it off only costs time), and how many misses to explain
 * (see {@link MissExplanation}).
 */
public record RunOptions(List<String> timestampFields, LogSource logsourceHint, int maxMatches,
                         boolean cacheRepeatedValues, int maxMissExplanations) {

    public static final List<String> DEFAULT_TIMESTAMP_FIELDS = List.of("@timestamp", "timestamp",
            "Event.System.TimeCreated_SystemTime", "TimeCreated_SystemTime", "TimeCreated", "UtcTime",
            "TimeGenerated", "Timestamp", "EventTime", "_time", "event.created");

    public static final RunOptions DEFAULT = new RunOptions(DEFAULT_TIMESTAMP_FIELDS, null, 10_000, true, 0);

    public RunOptions {
        timestampFields = timestampFields == null || timestampFields.isEmpty() ? DEFAULT_TIMESTAMP_FIELDS
                : List.copyOf(timestampFields);
        if (maxMatches <= 0) {
            maxMatches = 10_000;
        }
        maxMissExplanations = Math.max(0, maxMissExplanations);
    }

    /**
     * Explain, for at most {@code max} (rule, event) pairs, why a detection rule did not fire on an event (0: none,
     * the default). Each event is explained for every rule of the run that did not match it, routed away or not.
     */
    public RunOptions withMissExplanations(int max) {
        return new RunOptions(timestampFields, logsourceHint, maxMatches, cacheRepeatedValues, max);
    }

    /** One timestamp field first, then the defaults. */
    public RunOptions withTimestampField(String field) {
        if (field == null || field.isBlank()) {
            return this;
        }
        List<String> fields = new java.util.ArrayList<>();
        fields.add(field.trim());
        fields.addAll(DEFAULT_TIMESTAMP_FIELDS);
        return new RunOptions(fields, logsourceHint, maxMatches, cacheRepeatedValues, maxMissExplanations);
    }

    public RunOptions withLogsourceHint(LogSource hint) {
        return new RunOptions(timestampFields, hint, maxMatches, cacheRepeatedValues, maxMissExplanations);
    }

    public RunOptions withMaxMatches(int max) {
        return new RunOptions(timestampFields, logsourceHint, max, cacheRepeatedValues, maxMissExplanations);
    }

    public RunOptions withCacheRepeatedValues(boolean cache) {
        return new RunOptions(timestampFields, logsourceHint, maxMatches, cache, maxMissExplanations);
    }
}
