/**
 * The rule library: Sigma rules with their enrichment, the one write path, search (one query model, one sort, one
 * facet engine), and the {@link io.detectionhub.library.RuleLibraryChanged} events other modules react to. Its REST API
 * lives in {@code library.web}. Rule revisions, review workflow and exceptions will live here too, as sub-packages.
 */
@ApplicationModule(displayName = "Rule library", allowedDependencies = {"sigma", "web", "security", "attack",
        "attack :: catalog", "attack :: atomic", "attack :: atomic-coverage", "attack :: enrichment"})
package io.detectionhub.library;

import org.springframework.modulith.ApplicationModule;
