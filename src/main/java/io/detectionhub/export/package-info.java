/**
 * Export of a selection of the library (the rule list's filters) as one streamed zip: the Sigma YAML files, the
 * enrichment, test cases and tuning exceptions beside each, optionally the KQL of each target, a manifest, an ATT&amp;CK Navigator layer and a CSV of the
 * selection. Its API lives in {@code export.web}.
 */
@ApplicationModule(displayName = "Library export", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: enrichment", "translate", "ruletests",
        "library :: exceptions"})
package io.detectionhub.export;

import org.springframework.modulith.ApplicationModule;
