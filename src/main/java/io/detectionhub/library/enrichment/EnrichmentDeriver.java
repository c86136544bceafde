package io.detectionhub.library.enrichment;

import io.detectionhub.sigma.model.SigmaDocument;

/**
 * Derives enrichment for a rule stored without one (and re-derives the still-generated parts when its YAML changes).
 * Implement it as a Spring bean to plug in auto-enrichment; without one, a rule gets only the ATT&amp;CK mapping of
 * its tags. Implementations must mark every part they fill in {@link Enrichment#generated()} and must not write to the
 * library (they run inside the library's write transaction).
 */
@FunctionalInterface
public interface EnrichmentDeriver {

    /**
     * @param document the parsed rule, correlation or filter
     * @param base     the enrichment derived so far: the ATT&amp;CK mapping of the tags, marked generated
     * @return the enrichment to store; {@code base} itself when there is nothing to add
     */
    Enrichment derive(SigmaDocument document, Enrichment base);

    /** Adds nothing to the mapping derived from tags. */
    EnrichmentDeriver NONE = (document, base) -> base;
}
