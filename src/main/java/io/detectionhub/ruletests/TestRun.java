package io.detectionhub.ruletests;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A run of test cases, as stored: its status ({@code queued}, {@code running}, {@code passed}, {@code failed}, or
 * {@code abandoned} when the instance running it stopped answering), what it ran ({@code selection}), its progress in
 * cases, and the results so far (in the order run).
 */
public record TestRun(long id, String status, String selection, int totalCases, int doneCases, int passedCases,
                      int failedCases, int errorCases, String requestedBy, Instant createdAt, Instant startedAt,
                      Instant finishedAt, String message, List<Result> results) {

    public TestRun {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** Progress in percent (100 when there was nothing to run and the run is over). */
    @com.fasterxml.jackson.annotation.JsonProperty("progress")
    public int progress() {
        return totalCases == 0 ? (finished() ? 100 : 0) : (int) (100L * doneCases / totalCases);
    }

    public boolean finished() {
        return "passed".equals(status) || "failed".equals(status) || "abandoned".equals(status);
    }

    /**
     * The result of one case: {@code outcome} passed, failed or error; {@code detail} the evaluation's explanation
     * of a case that did not pass (matches, alerts and misses, as in {@link CaseResult}), null for a passed one.
     */
    public record Result(String ruleId, String ruleTitle, Long testId, String testName, String expectation,
                         String outcome, String message, long durationMs, JsonNode detail) {
    }
}
