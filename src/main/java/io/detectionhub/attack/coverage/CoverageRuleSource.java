package io.detectionhub.attack.coverage;

import java.util.List;

/** The library as coverage sees it. {@code version()} must change whenever a rule is added, changed or removed. */
public interface CoverageRuleSource {

    String version();

    List<CoverageRule> rules();
}
