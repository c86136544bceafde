package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.detectionhub.library.RuleService;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rule tests' tables (migration V50) on the production database: cases, versions, cascade, a run. */
@PostgresTest
class RuleTestsPostgresTest {

    @Autowired
    RuleService rules;

    @Autowired
    RuleTestService tests;

    @Autowired
    TestRunService runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RuleRevisions revisions;

    private int cases() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_test_case WHERE rule_id = ?").param(RuleTestApiTest.RULE_ID)
                .query(Integer.class).single();
    }

    @Test
    void casesLiveWithTheirRuleAndARunFinishesOnPostgres() throws Exception {
        rules.find(RuleTestApiTest.RULE_ID).ifPresent(r -> rules.delete(r.id()));
        rules.create(RuleTestApiTest.RULE, null);
        RuleTestCase hit = tests.create(RuleTestApiTest.RULE_ID, new RuleTestDraft("hit", "[" + RuleTestApiTest.HIT
                + "]", "json", null, new Expectation(Expectation.Kind.MATCH, 1, List.of(1), null), null, null));
        RuleTestCase quiet = tests.create(RuleTestApiTest.RULE_ID, new RuleTestDraft("quiet", RuleTestApiTest.QUIET,
                "ndjson", null, Expectation.MUST_NOT_MATCH, null, null));
        assertThat(hit.version()).isEqualTo(1);
        RuleTestCase replaced = tests.replace(RuleTestApiTest.RULE_ID, quiet.id(), quiet.draft(), 1L);
        assertThat(replaced.version()).isEqualTo(2);
        assertThatThrownBy(() -> tests.replace(RuleTestApiTest.RULE_ID, quiet.id(), quiet.draft(), 1L))
                .isInstanceOf(RuleTestVersionConflictException.class);

        long runId = runs.start(new TestRunService.Scope.Ids(List.of(RuleTestApiTest.RULE_ID)));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        TestRun run = runs.find(runId, true, true).orElseThrow();
        while (!run.finished() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            run = runs.find(runId, true, true).orElseThrow();
        }
        assertThat(run.status()).isEqualTo("passed");
        assertThat(run.results()).extracting(TestRun.Result::outcome).containsExactly("passed", "passed");
        assertThat(JunitXml.of(run)).contains("tests=\"2\" failures=\"0\" errors=\"0\"");

        rules.delete(RuleTestApiTest.RULE_ID);
        assertThat(cases()).as("kept while the rule is in the trash").isEqualTo(2);
        assertThat(tests.counts()).doesNotContainKey(RuleTestApiTest.RULE_ID);
        revisions.purge(RuleTestApiTest.RULE_ID);
        assertThat(cases()).as("gone with the purged rule").isZero();
        assertThat(runs.find(runId, true, false).orElseThrow().results()).hasSize(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'rule-test.%' AND object_id LIKE ?")
                .param(RuleTestApiTest.RULE_ID + "/%").query(Integer.class).single()).isGreaterThanOrEqualTo(3);
    }

    /** Embedded events become cases inside the rule's own write, follow its text, and a snapshot restores them. */
    @Test
    void embeddedCasesFollowTheRulesTextOnPostgres() {
        String id = ShippedTestsTest.EMBEDDED;
        rules.find(id).ifPresent(r -> rules.delete(r.id()));
        revisions.findTrashed(id).ifPresent(t -> revisions.purge(id));
        rules.create(ShippedTestsTest.EMBEDDED_RULE, null);
        assertThat(tests.list(id)).extracting(RuleTestCase::origin).containsExactly("embedded", "embedded");
        String both = tests.casesJson(id);
        var stored = rules.find(id).orElseThrow();
        rules.replace(id, ShippedTestsTest.EMBEDDED_RULE.replaceAll("(?s)testcases:.*", ""), null, stored.version());
        assertThat(tests.list(id)).isEmpty();
        tests.restoreCases(id, both);
        assertThat(tests.casesJson(id)).isEqualTo(both);
        rules.delete(id);
        revisions.purge(id);
        assertThat(tests.casesJson(id)).isEqualTo("[]");
    }
}
