/**
 * Coverage of the ATT&amp;CK matrix by the rule library, and the Atomic-driven check of which tests the library
 * catches, cached per library and catalogue version. Its API and page live in {@code coverage.web}.
 */
@ApplicationModule(displayName = "Library coverage", allowedDependencies = {"sigma", "web", "security", "library",
        "attack", "attack :: catalog", "attack :: atomic", "attack :: coverage", "attack :: atomic-coverage"})
package io.detectionhub.coverage;

import org.springframework.modulith.ApplicationModule;
