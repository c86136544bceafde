package io.detectionhub.coverage;

import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.sigma.model.SigmaDocument;

import java.util.List;

/**
 * The library as coverage sees it. {@code version()} must change whenever a rule is added, changed or removed;
 * callers cache what they compute per version.
 */
public interface CoverageRuleSource {

    String version();

    List<CoverageRule> rules();

    /** The library's parsed documents (rules, correlations, filters), for the Atomic-driven check. */
    List<SigmaDocument> documents();
}
