package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule fired for one group ({@code groupBy} field values) over the events {@code eventIndexes}
 * within one window; {@code count} is what the condition counted (events, distinct values or distinct rules).
 */
public record CorrelationMatch(String ruleId, String ruleTitle, String level, String type,
                               Map<String, String> groupBy, List<Long> eventIndexes, Instant firstTimestamp,
                               Instant lastTimestamp, long count) {

    public CorrelationMatch {
        groupBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupBy));
        eventIndexes = List.copyOf(eventIndexes);
    }
}
