/**
 * What a rule carries besides its YAML (hunt hypothesis, tuning guidance, ATT&amp;CK mapping, Atomic tests, data
 * sources, tables, confidence, provenance), which parts a machine derived, and the derivation from the catalogues.
 */
@NamedInterface("enrichment")
package io.detectionhub.library.enrichment;

import org.springframework.modulith.NamedInterface;
