package io.detectionhub.attack.coverage;

import java.util.List;

import io.detectionhub.attack.catalog.Tactic;

/**
 * A heatmap column: the tactic, its techniques (matrix order, by name), how many of its techniques and
 * sub-techniques have at least one rule, and how many distinct rules cover something in it.
 */
public record TacticCoverage(Tactic tactic, int techniqueCount, int coveredTechniqueCount, int ruleCount,
                             List<TechniqueCoverage> techniques) {

    public TacticCoverage {
        techniques = List.copyOf(techniques);
    }
}
