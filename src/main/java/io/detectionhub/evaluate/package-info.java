/**
 * Evaluation of Sigma rules (pasted, stored or the whole library) against uploaded events, read in Sigma field names
 * or in a KQL target's schema; stored rules run with their active tuning exceptions. Its API and page live in
 * {@code evaluate.web}.
 */
@ApplicationModule(displayName = "Evaluation", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: exceptions", "translate"})
package io.detectionhub.evaluate;

import org.springframework.modulith.ApplicationModule;
