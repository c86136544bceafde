package io.detectionhub.sigma.kql;

/** A KQL query for one rule and target, with how it was made. {@code ruleId} and {@code title} identify the rule. */
public record Translation(String ruleId, String title, String query, Explanation explanation) {
}
