/**
 * Rule tests: test cases stored with each rule (sample events and what the rule must do with them), generated
 * starting points, runs of one rule's, a selection's or the whole library's tests as background jobs with JUnit XML,
 * and SigmaHQ's regression data turned into test cases. Its API and pages live in {@code ruletests.web}.
 */
@ApplicationModule(displayName = "Rule tests", allowedDependencies = {"sigma", "web", "security", "library",
        "library :: enrichment", "library :: revisions", "evaluate", "attack", "attack :: atomic"})
package io.detectionhub.ruletests;

import org.springframework.modulith.ApplicationModule;
