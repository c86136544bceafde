/**
 * The rule library: Sigma rules with their enrichment, the one write path, search (one query model, one sort, one
 * facet engine), and the {@link io.detectionhub.library.RuleLibraryChanged} events other modules react to. Its REST API
 * lives in {@code library.web}. Sub-packages: {@code revisions} (history, trash, the revision-part SPI),
 * {@code workflow} (review), {@code exceptions} (tuning exceptions stored beside rules), {@code enrichment}.
 */
@ApplicationModule(displayName = "Rule library", allowedDependencies = {"sigma", "web", "security", "attack",
        "attack :: catalog", "attack :: atomic", "attack :: atomic-coverage", "attack :: enrichment"})
package io.detectionhub.library;

import org.springframework.modulith.ApplicationModule;
