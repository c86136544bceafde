package io.detectionhub.ruletests;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.security.Actors;
import io.detectionhub.web.BadRequestException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Runs of rule tests as background jobs. Starting one stores it (status {@code queued}, the rule ids it runs, the
 * number of cases) and hands it to this instance's single worker thread, which runs one rule at a time and writes
 * each result and the progress to the database as it goes, so that any instance answers for the run. A run whose
 * instance stopped (no heartbeat for {@link #ABANDONED_AFTER}) is reported {@code abandoned}.
 */
@Service
public class TestRunService {

    /** A queued or running run without a heartbeat for this long has lost its instance. */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    /** Results listed per run at most (the counts are always complete). */
    static final int MAX_RESULTS_READ = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(TestRunService.class);

    /** What a run covers: stored rule ids, or the rules a search of the rule list finds, or the whole library. */
    public sealed interface Scope {
        record Ids(List<String> ids) implements Scope {
        }

        record Search(RuleQuery query) implements Scope {
        }

        record Library() implements Scope {
        }
    }

    private final JdbcClient jdbc;
    private final RuleService rules;
    private final RuleTestService tests;
    private final EvaluationService evaluation;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-test-runs");
        t.setDaemon(true);
        return t;
    });

    public TestRunService(JdbcClient jdbc, RuleService rules, RuleTestService tests, EvaluationService evaluation) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.tests = tests;
        this.evaluation = evaluation;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Stores a run of the scope's test cases and starts it in the background.
     *
     * @return the run's id
     * @throws RuleNotFoundException an unknown rule id
     */
    public long start(Scope scope) {
        Map<String, Integer> counts = tests.counts();
        List<String> ruleIds = new ArrayList<>();
        String selection;
        if (scope instanceof Scope.Ids ids) {
            if (ids.ids().isEmpty()) {
                throw new BadRequestException("ruleIds is empty: give rule ids, or none for the library");
            }
            for (String id : new LinkedHashSet<>(ids.ids())) {
                if (!rules.exists(id)) {
                    throw new RuleNotFoundException(id);
                }
                ruleIds.add(id);
            }
            selection = ruleIds.size() == 1 ? "rule " + ruleIds.get(0) : ruleIds.size() + " rules by id";
        } else if (scope instanceof Scope.Search search) {
            Set<String> found = new LinkedHashSet<>();
            Page<RuleSummary> page;
            int n = 0;
            do {
                page = rules.search(search.query(), PageRequest.of(n++, 200));
                page.forEach(r -> found.add(r.id()));
            } while (page.hasNext());
            found.stream().filter(counts::containsKey).forEach(ruleIds::add);
            selection = "rules of a search (" + found.size() + " found, " + ruleIds.size() + " with tests)";
        } else {
            ruleIds.addAll(counts.keySet());
            selection = "the library (" + ruleIds.size() + " rules with tests)";
        }
        int total = ruleIds.stream().mapToInt(id -> counts.getOrDefault(id, 0)).sum();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO rule_test_run (status, selection, rule_ids, total_cases, done_cases, passed_cases,
                    failed_cases, error_cases, requested_by, created_at, heartbeat_at)
                VALUES ('queued', :selection, :ids, :total, 0, 0, 0, 0, :actor, :now, :now)""")
                .param("selection", selection).param("ids", String.join("\n", ruleIds)).param("total", total)
                .param("actor", Actors.current()).param("now", now).update(keys, "id");
        long id = keys.getKey().longValue();
        worker.execute(() -> execute(id));
        return id;
    }

    /** Runs a stored run to its end; its progress and results go to the database as it goes. */
    void execute(long runId) {
        String ids = jdbc.sql("SELECT rule_ids FROM rule_test_run WHERE id = ?").param(runId).query(String.class)
                .single();
        jdbc.sql("UPDATE rule_test_run SET status = 'running', started_at = ?, heartbeat_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), runId).update();
        int done = 0;
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int position = 0;
        try {
            for (String ruleId : ids.isEmpty() ? List.<String>of() : List.of(ids.split("\n"))) {
                List<CaseResult> results;
                String title;
                try {
                    List<RuleTestCase> cases = tests.list(ruleId);
                    title = rules.find(ruleId).map(r -> r.document().title()).orElse(ruleId);
                    CaseRunner runner = new CaseRunner(evaluation, new RuleSelection.Ids(List.of(ruleId)), ruleId);
                    results = cases.stream().map(c -> runner.run(c.id(), c.draft())).toList();
                } catch (RuleNotFoundException e) {
                    title = ruleId;
                    results = List.of(CaseResult.error(ruleId, null, "(rule)", "-",
                            "The rule was deleted after the run started"));
                }
                for (CaseResult r : results) {
                    insert(runId, position++, title, r);
                    done++;
                    switch (r.outcome()) {
                        case PASSED -> passed++;
                        case FAILED -> failed++;
                        default -> errors++;
                    }
                }
                jdbc.sql("""
                        UPDATE rule_test_run SET done_cases = ?, passed_cases = ?, failed_cases = ?, error_cases = ?,
                            heartbeat_at = ? WHERE id = ?""")
                        .params(done, passed, failed, errors, Timestamp.from(Instant.now()), runId).update();
            }
            String status = failed + errors == 0 ? "passed" : "failed";
            jdbc.sql("""
                    UPDATE rule_test_run SET status = ?, total_cases = ?, done_cases = ?, passed_cases = ?,
                        failed_cases = ?, error_cases = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?""")
                    .params(status, done, done, passed, failed, errors, Timestamp.from(Instant.now()),
                            Timestamp.from(Instant.now()), runId).update();
        } catch (RuntimeException e) {
            LOG.error("Rule test run {} stopped", runId, e);
            jdbc.sql("UPDATE rule_test_run SET status = 'failed', message = ?, finished_at = ? WHERE id = ?")
                    .params("The run stopped: " + e, Timestamp.from(Instant.now()), runId).update();
        }
    }

    private void insert(long runId, int position, String title, CaseResult r) {
        String detail = r.passed() ? null : RuleTestService.JSON.writeValueAsString(Map.of("matchedEvents",
                r.matchedEvents(), "matches", r.matches(), "suppressed", r.suppressed(), "alerts", r.alerts(),
                "misses", r.misses()));
        jdbc.sql("""
                INSERT INTO rule_test_result (run_id, position, rule_id, rule_title, test_id, test_name, expectation,
                    outcome, message, detail, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, position, r.ruleId(), cut(title, 500), r.testId(), cut(r.testName(), 200),
                        cut(r.expectation(), 500), r.outcome().keyword(), r.message(), detail, r.durationMs())
                .update();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A run with its results; {@code withDetails}: the explanations of the cases that did not pass. */
    public Optional<TestRun> find(long runId, boolean withResults, boolean withDetails) {
        Optional<TestRun> run = jdbc.sql("SELECT * FROM rule_test_run WHERE id = ?").param(runId)
                .query((rs, i) -> {
                    String status = rs.getString("status");
                    Timestamp heartbeat = rs.getTimestamp("heartbeat_at");
                    if (("queued".equals(status) || "running".equals(status)) && heartbeat != null
                            && heartbeat.toInstant().isBefore(Instant.now().minus(ABANDONED_AFTER))) {
                        status = "abandoned";
                    }
                    return new TestRun(rs.getLong("id"), status, rs.getString("selection"), rs.getInt("total_cases"),
                            rs.getInt("done_cases"), rs.getInt("passed_cases"), rs.getInt("failed_cases"),
                            rs.getInt("error_cases"), rs.getString("requested_by"), instant(rs, "created_at"),
                            instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("message"), null);
                }).optional();
        if (run.isEmpty() || !withResults) {
            return run;
        }
        List<TestRun.Result> results = jdbc.sql("SELECT * FROM rule_test_result WHERE run_id = ? ORDER BY position")
                .param(runId).query((rs, i) -> {
                    String detail = withDetails ? rs.getString("detail") : null;
                    JsonNode node = detail == null ? null : RuleTestService.JSON.readTree(detail);
                    long testId = rs.getLong("test_id");
                    return new TestRun.Result(rs.getString("rule_id"), rs.getString("rule_title"),
                            rs.wasNull() ? null : testId, rs.getString("test_name"), rs.getString("expectation"),
                            rs.getString("outcome"), rs.getString("message"), rs.getLong("duration_ms"), node);
                }).stream().limit(MAX_RESULTS_READ).toList();
        TestRun r = run.get();
        return Optional.of(new TestRun(r.id(), r.status(), r.selection(), r.totalCases(), r.doneCases(),
                r.passedCases(), r.failedCases(), r.errorCases(), r.requestedBy(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.message(), results));
    }

    /** The latest runs, newest first, without results. */
    public List<TestRun> recent(int limit) {
        List<Long> ids = jdbc.sql("SELECT id FROM rule_test_run ORDER BY id DESC LIMIT ?").param(limit)
                .query(Long.class).list();
        return ids.stream().map(id -> find(id, false, false)).flatMap(Optional::stream).toList();
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** Map of rule id to title for the results of a run, in order. */
    static Map<String, String> titles(TestRun run) {
        Map<String, String> out = new LinkedHashMap<>();
        run.results().forEach(r -> out.putIfAbsent(r.ruleId(), r.ruleTitle()));
        return out;
    }
}
