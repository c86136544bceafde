package io.detectionhub.attack.coverage;

import java.util.List;

/**
 * One cell of the coverage heatmap. {@code ruleCount}: rules tagged with this id; {@code ruleCountWithSubTechniques}:
 * distinct rules tagged with it or any of its sub-techniques (equal to {@code ruleCount} for a sub-technique).
 */
public record TechniqueCoverage(String id, String name, boolean inCatalogue, int ruleCount,
                                int ruleCountWithSubTechniques, List<TechniqueCoverage> subTechniques) {

    public TechniqueCoverage {
        subTechniques = List.copyOf(subTechniques);
    }

    public boolean covered() {
        return ruleCountWithSubTechniques > 0;
    }
}
