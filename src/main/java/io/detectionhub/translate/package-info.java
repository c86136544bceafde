/**
 * KQL translation of Sigma text and stored rules, and the targets it translates for: built-in, the generic one, and
 * user-defined targets stored with their history ({@code translate.custom}). Its API lives in {@code translate.web}.
 */
@ApplicationModule(displayName = "KQL translation", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: workflow", "library :: revisions", "library :: exceptions"})
package io.detectionhub.translate;

import org.springframework.modulith.ApplicationModule;
