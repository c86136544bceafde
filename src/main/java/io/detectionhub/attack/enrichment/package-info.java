/** Enrichment a rule can be given from the catalogues (hunt hypothesis, Atomic tests, data sources, tables). */
@NamedInterface("enrichment")
package io.detectionhub.attack.enrichment;

import org.springframework.modulith.NamedInterface;
