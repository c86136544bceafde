package io.detectionhub.library.revisions;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V80 gives every rule stored before revisions existed its revision 1 (its YAML, enrichment, title and who
 * changed it last), so no rule's history is empty; V101 records that those revisions had no exceptions. Runs the real migrations on a fresh in-memory H2.
 */
class RevisionBackfillMigrationTest {

    @Test
    void rulesStoredBeforeRevisionsGetRevisionOneWithNoExceptions() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:revision-backfill;DB_CLOSE_DELAY=-1");
        MigrationVersion v80 = MigrationVersion.fromVersion("80");
        // the last migration before V80, whatever other features add below it
        MigrationVersion last = Arrays.stream(flyway(db, MigrationVersion.LATEST).info().all())
                .map(MigrationInfo::getVersion).filter(v -> v.compareTo(v80) < 0).max(MigrationVersion::compareTo)
                .orElseThrow();
        flyway(db, last).migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("""
                INSERT INTO sigma_rule (id, yaml, kind, title, level_rank, search_text, created_at, updated_at, version,
                                        created_by, updated_by)
                VALUES ('old-rule', 'title: Old rule', 'rule', 'Old rule', 0, 'old rule', CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP, 3, 'alice', 'bob')""").update();
        jdbc.sql("""
                INSERT INTO rule_enrichment (rule_id, content, atomic_test_count, updated_at)
                VALUES ('old-rule', '{"huntHypothesis":"h"}', 0, CURRENT_TIMESTAMP)""").update();
        jdbc.sql("""
                INSERT INTO sigma_rule (id, yaml, kind, title, level_rank, search_text, created_at, updated_at, version)
                VALUES ('no-author', 'title: No author', 'rule', 'No author', 0, 'x', CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP, 0)""").update();

        flyway(db, v80).migrate();

        List<Map<String, Object>> revisions = jdbc.sql("""
                SELECT rule_id, revision, change_kind, author, title, yaml, enrichment, comment FROM rule_revision
                ORDER BY rule_id""").query().listOfRows();
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0)).containsEntry("RULE_ID", "no-author").containsEntry("AUTHOR", "system")
                .containsEntry("ENRICHMENT", "{}");
        assertThat(revisions.get(1)).containsEntry("RULE_ID", "old-rule").containsEntry("REVISION", 1)
                .containsEntry("CHANGE_KIND", "created").containsEntry("AUTHOR", "bob")
                .containsEntry("TITLE", "Old rule").containsEntry("YAML", "title: Old rule")
                .containsEntry("ENRICHMENT", "{\"huntHypothesis\":\"h\"}")
                .containsEntry("COMMENT", "The rule as it was when revisions began");

        // V101: every revision before exceptions existed had none, recorded as an empty exceptions part
        flyway(db, MigrationVersion.fromVersion("101")).migrate();
        assertThat(jdbc.sql("SELECT rule_id, number, part, content FROM rule_revision_part ORDER BY rule_id")
                .query().listOfRows()).satisfiesExactly(
                        no -> assertThat(no).containsEntry("RULE_ID", "no-author").containsEntry("NUMBER", 1)
                                .containsEntry("PART", "exceptions").containsEntry("CONTENT", "[]"),
                        old -> assertThat(old).containsEntry("RULE_ID", "old-rule").containsEntry("NUMBER", 1)
                                .containsEntry("PART", "exceptions").containsEntry("CONTENT", "[]"));
        jdbc.sql("SHUTDOWN").update();
    }

    private static Flyway flyway(JdbcDataSource db, MigrationVersion target) {
        return Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/h2")
                .target(target).load();
    }
}
