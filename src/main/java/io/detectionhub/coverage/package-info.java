/**
 * Coverage of the ATT&amp;CK matrix by the rule library, and the Atomic-driven check of which tests the library
 * catches, cached per library and catalogue version. Rules fully suppressed by their tuning exceptions cover nothing
 * (judged by running their must-match events through {@code ruletests}). Its API and page live in {@code coverage.web}.
 */
@ApplicationModule(displayName = "Library coverage", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: exceptions", "ruletests", "attack", "attack :: catalog", "attack :: atomic", "attack :: coverage",
        "attack :: atomic-coverage"})
package io.detectionhub.coverage;

import org.springframework.modulith.ApplicationModule;
