package io.detectionhub.library;

import java.util.Map;

/**
 * How many rules matching a search have each value of a facet, e.g. {@code levels: {high: 612, medium: 1290}}.
 * Values are ordered by count, highest first. {@code withAtomicTests} counts the matches whose enrichment lists
 * Atomic Red Team tests.
 */
public record RuleFacets(long total, Map<String, Long> levels, Map<String, Long> statuses, Map<String, Long> products,
                         Map<String, Long> categories, Map<String, Long> services, Map<String, Long> tactics,
                         Map<String, Long> kinds, long withAtomicTests) {
}
