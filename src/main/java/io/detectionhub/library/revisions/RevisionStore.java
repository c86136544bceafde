package io.detectionhub.library.revisions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Tables {@code rule_revision}, {@code rule_trash} (migration V80) and {@code rule_revision_part} (V101). */
@Repository
class RevisionStore {

    private static final RowMapper<RevisionSummary> SUMMARY = (rs, n) -> new RevisionSummary(rs.getInt("revision"),
            rs.getString("change_kind"), rs.getString("author"),
            rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("comment"),
            rs.getString("title"));
    private static final RowMapper<RuleRevision> REVISION = (rs, n) -> new RuleRevision(rs.getString("rule_id"),
            rs.getInt("revision"), rs.getString("change_kind"), rs.getString("author"),
            rs.getObject("changed_at", OffsetDateTime.class).toInstant(), rs.getString("comment"),
            rs.getString("title"), rs.getString("yaml"), rs.getString("enrichment"));
    private static final RowMapper<TrashedRule> TRASHED = (rs, n) -> new TrashedRule(rs.getString("rule_id"),
            rs.getString("title"), rs.getInt("revision"), rs.getString("deleted_by"),
            rs.getObject("deleted_at", OffsetDateTime.class).toInstant());

    /** The rule's stored state, read inside the write transaction that changed it. */
    record Current(String title, String yaml, String enrichment) {
    }

    private final JdbcClient jdbc;

    RevisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Current> current(String ruleId) {
        return jdbc.sql("""
                        SELECT r.title, r.yaml, e.content FROM sigma_rule r
                        LEFT JOIN rule_enrichment e ON e.rule_id = r.id WHERE r.id = :id""")
                .param("id", ruleId)
                .query((rs, n) -> new Current(rs.getString(1), rs.getString(2),
                        rs.getString(3) == null ? "{}" : rs.getString(3)))
                .optional();
    }

    int latestNumber(String ruleId) {
        return jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM rule_revision WHERE rule_id = :id")
                .param("id", ruleId).query(Integer.class).single();
    }

    void insert(String ruleId, int number, String change, String author, Instant at, String comment, String title,
                String yaml, String enrichment) {
        jdbc.sql("""
                        INSERT INTO rule_revision (rule_id, revision, change_kind, author, changed_at, comment, title,
                                                   yaml, enrichment)
                        VALUES (:id, :n, :change, :author, :at, :comment, :title, :yaml, :enrichment)""")
                .param("id", ruleId).param("n", number).param("change", change).param("author", author)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("comment", comment)
                .param("title", title).param("yaml", yaml).param("enrichment", enrichment)
                .update();
    }

    /** Newest first. */
    List<RevisionSummary> history(String ruleId) {
        return jdbc.sql("""
                        SELECT revision, change_kind, author, changed_at, comment, title FROM rule_revision
                        WHERE rule_id = :id ORDER BY revision DESC""")
                .param("id", ruleId).query(SUMMARY).list();
    }

    Optional<RuleRevision> find(String ruleId, int number) {
        return jdbc.sql("SELECT * FROM rule_revision WHERE rule_id = :id AND revision = :n")
                .param("id", ruleId).param("n", number).query(REVISION).optional();
    }

    Optional<RuleRevision> latest(String ruleId) {
        return jdbc.sql("""
                        SELECT * FROM rule_revision WHERE rule_id = :id
                        AND revision = (SELECT MAX(revision) FROM rule_revision WHERE rule_id = :id)""")
                .param("id", ruleId).query(REVISION).optional();
    }

    /**
     * The author of the latest revision that changed the content (not a review step), or null. A change of a part
     * beside the rule ({@code exceptions-changed}) counts: an exception changes what the rule alerts on.
     */
    String lastContentAuthor(String ruleId) {
        return jdbc.sql("""
                        SELECT author FROM rule_revision WHERE rule_id = :id AND (change_kind IN
                        ('created', 'replaced', 'enrichment-updated', 'restored', 'reverted')
                        OR change_kind LIKE '%-changed')
                        ORDER BY revision DESC FETCH FIRST 1 ROWS ONLY""")
                .param("id", ruleId).query(String.class).optional().orElse(null);
    }

    int deleteHistory(String ruleId) {
        jdbc.sql("DELETE FROM rule_revision_part WHERE rule_id = :id").param("id", ruleId).update();
        return jdbc.sql("DELETE FROM rule_revision WHERE rule_id = :id").param("id", ruleId).update();
    }

    // ---------------------------------------------------------------- parts

    void insertPart(String ruleId, int number, String part, String content) {
        jdbc.sql("INSERT INTO rule_revision_part (rule_id, number, part, content) VALUES (:id, :n, :part, :content)")
                .param("id", ruleId).param("n", number).param("part", part).param("content", content).update();
    }

    /** The parts a revision recorded: part name to snapshot, by name; a part it did not record is absent. */
    SortedMap<String, String> parts(String ruleId, int number) {
        SortedMap<String, String> parts = new TreeMap<>();
        jdbc.sql("SELECT part, content FROM rule_revision_part WHERE rule_id = :id AND number = :n")
                .param("id", ruleId).param("n", number)
                .query((rs, n) -> parts.put(rs.getString(1), rs.getString(2))).list();
        return parts;
    }

    /** Copies the parts of revision {@code from} to revision {@code to} (a step that changes nothing beside the rule). */
    void copyParts(String ruleId, int from, int to) {
        jdbc.sql("""
                        INSERT INTO rule_revision_part (rule_id, number, part, content)
                        SELECT rule_id, :to, part, content FROM rule_revision_part WHERE rule_id = :id AND number = :from""")
                .param("id", ruleId).param("from", from).param("to", to).update();
    }

    // ---------------------------------------------------------------- trash

    void trash(String ruleId, String title, int revision, String deletedBy, Instant at) {
        untrash(ruleId);
        jdbc.sql("""
                        INSERT INTO rule_trash (rule_id, title, revision, deleted_by, deleted_at)
                        VALUES (:id, :title, :n, :by, :at)""")
                .param("id", ruleId).param("title", title).param("n", revision).param("by", deletedBy)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).update();
    }

    /** @return whether the rule was in the trash */
    boolean untrash(String ruleId) {
        return jdbc.sql("DELETE FROM rule_trash WHERE rule_id = :id").param("id", ruleId).update() > 0;
    }

    Optional<TrashedRule> trashed(String ruleId) {
        return jdbc.sql("SELECT * FROM rule_trash WHERE rule_id = :id").param("id", ruleId).query(TRASHED).optional();
    }

    /** Newest deletion first; locks nothing. */
    List<TrashedRule> trash() {
        return jdbc.sql("SELECT * FROM rule_trash ORDER BY deleted_at DESC, rule_id").query(TRASHED).list();
    }

    /** The trashed row, locked until the transaction ends (restore and purge of one rule do not overlap). */
    Optional<TrashedRule> lockTrashed(String ruleId) {
        return jdbc.sql("SELECT * FROM rule_trash WHERE rule_id = :id FOR UPDATE").param("id", ruleId)
                .query(TRASHED).optional();
    }
}
