/**
 * Pages that combine several modules: the feed, the rules list, the rule page (KQL tabs, ATT&amp;CK context, related
 * rules), the rule editor, the technique page and the about page. Nothing depends on this module.
 */
@ApplicationModule(displayName = "Composite pages", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: enrichment", "attack", "attack :: catalog", "attack :: atomic", "attack :: coverage",
        "attack :: atomic-coverage", "translate", "coverage"})
package io.detectionhub.pages;

import org.springframework.modulith.ApplicationModule;
