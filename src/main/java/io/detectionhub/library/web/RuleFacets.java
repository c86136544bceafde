package io.detectionhub.library.web;

import io.detectionhub.library.FacetCounts;
import io.detectionhub.library.RuleFacet;

import java.util.List;
import java.util.Map;

/**
 * How many rules matching a search have each value of a facet, e.g. {@code levels: {high: 612, medium: 1290}}.
 * Values are ordered by count, highest first. {@code withAtomicTests} counts the matches whose enrichment lists
 * Atomic Red Team tests.
 */
public record RuleFacets(long total, Map<String, Long> levels, Map<String, Long> statuses, Map<String, Long> products,
                         Map<String, Long> categories, Map<String, Long> services, Map<String, Long> tactics,
                         Map<String, Long> kinds, long withAtomicTests) {

    /** The facets the API counts. */
    static final List<RuleFacet> COUNTED = List.of(RuleFacet.LEVEL, RuleFacet.STATUS, RuleFacet.PRODUCT,
            RuleFacet.CATEGORY, RuleFacet.SERVICE, RuleFacet.TACTIC, RuleFacet.KIND, RuleFacet.ATOMIC_TESTS);

    static RuleFacets of(FacetCounts counts) {
        return new RuleFacets(counts.total(), counts.of(RuleFacet.LEVEL), counts.of(RuleFacet.STATUS),
                counts.of(RuleFacet.PRODUCT), counts.of(RuleFacet.CATEGORY), counts.of(RuleFacet.SERVICE),
                counts.of(RuleFacet.TACTIC), counts.of(RuleFacet.KIND),
                counts.of(RuleFacet.ATOMIC_TESTS).getOrDefault("true", 0L));
    }
}
