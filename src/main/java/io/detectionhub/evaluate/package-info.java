/**
 * Evaluation of Sigma rules (pasted, stored or the whole library) against uploaded events, read in Sigma field names
 * or in a KQL target's schema. Its API and page live in {@code evaluate.web}.
 */
@ApplicationModule(displayName = "Evaluation", allowedDependencies = {"sigma", "web", "security", "library",
        "translate"})
package io.detectionhub.evaluate;

import org.springframework.modulith.ApplicationModule;
