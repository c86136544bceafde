package io.detectionhub.sigma.kql.target;

/** The table a target chose for a logsource and the rule that chose it. */
public record TableChoice(TableMapping table, LogSourceRule rule) {

    /** Why this table, for the explanation. */
    public String reason() {
        String base = "logsource rule " + rule.describe() + " -> " + table.name();
        return rule.reason() == null || rule.reason().isBlank() ? base : base + ": " + rule.reason();
    }
}
