package io.detectionhub.attack.coverage.atomic;

import java.util.List;

/** Results of the Atomic-driven coverage check. */
public final class AtomicCoverageResults {

    private AtomicCoverageResults() {
    }

    /** Whether the library caught a test's simulated events. */
    public enum Status {
        /** At least one rule fired on at least one of the test's events. */
        DETECTED,
        /** Events were simulated; no rule fired. */
        NOT_DETECTED,
        /** No process-creation event can be derived (manual test, no command, executor not on its platforms). */
        NOT_SIMULATED
    }

    /**
     * A rule that fired. {@code taggedForTechnique}: the rule is tagged with the test's technique (or its parent or
     * one of its sub-techniques); a rule that fires without it fires on the harness or a generic pattern (e.g. any
     * non-interactive PowerShell), which says less about coverage of the technique.
     */
    public record FiringRule(String ruleId, String title, String level, List<String> matchedSelections,
                             boolean taggedForTechnique) {
    }

    /** One simulated process-creation event and the rules that fired on it. */
    public record EventResult(String product, String origin, String image, String commandLine,
                              List<FiringRule> rules) {
    }

    public record TestResult(String techniqueId, int testNumber, String guid, String name, String executor,
                             List<String> platforms, Status status, String reason, List<EventResult> events) {

        /** Distinct rule ids that fired on any event of the test. */
        public List<String> firingRuleIds() {
            return events.stream().flatMap(e -> e.rules().stream()).map(FiringRule::ruleId).distinct().toList();
        }

        /** True when a rule tagged with the test's technique fired (the stricter measure of coverage). */
        public boolean detectedByTechniqueRule() {
            return events.stream().flatMap(e -> e.rules().stream()).anyMatch(FiringRule::taggedForTechnique);
        }
    }

    public record TechniqueResult(String techniqueId, String techniqueName, int tests, int simulated, int detected,
                                  int detectedByTechniqueRules, List<TestResult> results) {
    }

    /** One line of the whole-matrix summary. */
    public record TechniqueSummary(String techniqueId, String techniqueName, List<String> tactics, int tests,
                                   int simulated, int detected, int detectedByTechniqueRules,
                                   List<String> undetectedTests) {
    }

    public record Summary(int techniques, int tests, int simulated, int detected, int detectedByTechniqueRules,
                          int rulesEvaluated, List<TechniqueSummary> byTechnique) {
    }
}
