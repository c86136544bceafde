package io.detectionhub.library;

import java.util.Map;

/**
 * How many rules matching a search have each value of a facet, e.g. {@code LEVEL: {high: 612, medium: 1290}}, most
 * frequent first (ties by value). {@code total} counts every match. Atomic tests count under {@code true} and
 * {@code false}; kinds under their lower-case names.
 */
public record FacetCounts(long total, Map<RuleFacet, Map<String, Long>> counts) {

    public FacetCounts {
        counts = Map.copyOf(counts);
    }

    /** The counts of one facet (empty when it was not counted or no match has a value). */
    public Map<String, Long> of(RuleFacet facet) {
        return counts.getOrDefault(facet, Map.of());
    }
}
