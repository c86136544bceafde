package io.detectionhub.evaluate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.detectionhub.sigma.evaluation.event.EventReaderLimits;

/**
 * Limits of {@code /api/evaluate} uploads ({@code detectionhub.evaluation.*}): bytes per request, events per request,
 * bytes per event, matches reported, and how many compiled libraries are kept (one per library version and schema).
 * Going over an upload limit answers 413 problem details.
 */
@ConfigurationProperties("detectionhub.evaluation")
public record EvaluationProperties(DataSize maxBytes, Long maxEvents, DataSize maxEventSize, Integer maxMatches,
                                   Integer compiledLibraries) {

    public EvaluationProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(100) : maxBytes;
        maxEvents = maxEvents == null ? 1_000_000L : maxEvents;
        maxEventSize = maxEventSize == null ? DataSize.ofMegabytes(1) : maxEventSize;
        maxMatches = maxMatches == null ? 10_000 : maxMatches;
        compiledLibraries = compiledLibraries == null ? 4 : compiledLibraries;
    }

    public EventReaderLimits limits() {
        return new EventReaderLimits(maxBytes.toBytes(), maxEvents, maxEventSize.toBytes());
    }
}
