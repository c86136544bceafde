/**
 * Deployment of rules as Microsoft Sentinel scheduled analytics rules (ARM template, Azure-Sentinel YAML) and Defender
 * XDR custom detections (Graph JSON): builders, the validator that runs before every export, per-rule settings (kept in
 * the rule's enrichment) and bulk exports; its API and Deploy tab live in {@code deployment.web}.
 */
@ApplicationModule(displayName = "Deployment", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: enrichment", "library :: workflow", "translate"})
package io.detectionhub.deployment;

import org.springframework.modulith.ApplicationModule;
