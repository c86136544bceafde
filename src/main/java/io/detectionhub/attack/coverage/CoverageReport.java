package io.detectionhub.attack.coverage;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Coverage of the ATT&amp;CK matrix by the library's rules under one filter.
 *
 * @param rulesConsidered   rules passing the filter
 * @param rulesWithTechniques of those, rules with at least one technique tag
 * @param techniquesCovered catalogue techniques and sub-techniques with at least one rule
 * @param techniquesTotal   catalogue techniques and sub-techniques
 * @param tactics           the heatmap columns in matrix order
 * @param unplaced          technique ids from tags that no source places in a tactic (shown apart, never dropped)
 * @param fullySuppressed   rules passing the filter that cover nothing because their tuning exceptions suppress every
 *                          must-match event they have (not counted in any other figure)
 */
public record CoverageReport(String attackVersion, CoverageFilter filter, int rulesConsidered, int rulesWithTechniques,
                             int techniquesCovered, int techniquesTotal, List<TacticCoverage> tactics,
                             List<TechniqueCoverage> unplaced,
                             @JsonIgnore Map<String, List<RuleRef>> rulesByTechnique,
                             List<SuppressedRule> fullySuppressed) {

    public CoverageReport {
        tactics = List.copyOf(tactics);
        unplaced = List.copyOf(unplaced);
        rulesByTechnique = Map.copyOf(rulesByTechnique);
        fullySuppressed = fullySuppressed == null ? List.of() : List.copyOf(fullySuppressed);
    }

    /** This report, listing the fully suppressed rules that were left out of it. */
    public CoverageReport withFullySuppressed(List<SuppressedRule> rules) {
        return new CoverageReport(attackVersion, filter, rulesConsidered, rulesWithTechniques, techniquesCovered,
                techniquesTotal, tactics, unplaced, rulesByTechnique, rules);
    }

    /** Rules tagged with exactly this technique id (not its sub-techniques). */
    public List<RuleRef> rulesFor(String techniqueId) {
        return rulesByTechnique.getOrDefault(techniqueId, List.of());
    }
}
