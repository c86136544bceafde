package io.detectionhub.library.exceptions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Table {@code rule_exception} (migration V100). */
@Repository
class ExceptionStore {

    private static final RowMapper<RuleException> ROW = (rs, n) -> new RuleException(rs.getString("id"),
            rs.getString("rule_id"), rs.getString("title"), rs.getString("yaml"), rs.getString("author"),
            rs.getString("reason"), rs.getObject("expires", LocalDate.class), rs.getString("ticket"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));

    private final JdbcClient jdbc;

    ExceptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first (ties by id, so the order is stable). */
    List<RuleException> forRule(String ruleId) {
        return jdbc.sql("SELECT * FROM rule_exception WHERE rule_id = :rule ORDER BY created_at, id")
                .param("rule", ruleId).query(ROW).list();
    }

    /** Those not expired on {@code day}, of every rule, oldest first per rule. */
    List<RuleException> activeOn(LocalDate day) {
        return jdbc.sql("""
                        SELECT * FROM rule_exception WHERE expires IS NULL OR expires > :day
                        ORDER BY rule_id, created_at, id""")
                .param("day", day).query(ROW).list();
    }

    Optional<RuleException> find(String id) {
        return jdbc.sql("SELECT * FROM rule_exception WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** The row, locked until the transaction ends (two writers of one exception do not overlap). */
    Optional<RuleException> lock(String id) {
        return jdbc.sql("SELECT * FROM rule_exception WHERE id = :id FOR UPDATE").param("id", id).query(ROW)
                .optional();
    }

    void insert(RuleException e) {
        jdbc.sql("""
                        INSERT INTO rule_exception (id, rule_id, title, yaml, author, reason, expires, ticket,
                                                    created_at, updated_at, version)
                        VALUES (:id, :rule, :title, :yaml, :author, :reason, :expires, :ticket, :created, :updated,
                                :version)""")
                .param("id", e.id()).param("rule", e.ruleId()).param("title", e.title()).param("yaml", e.yaml())
                .param("author", e.author()).param("reason", e.reason()).param("expires", e.expires())
                .param("ticket", e.ticket()).param("created", utc(e.createdAt())).param("updated", utc(e.updatedAt()))
                .param("version", e.version())
                .update();
    }

    void update(RuleException e) {
        jdbc.sql("""
                        UPDATE rule_exception SET title = :title, yaml = :yaml, reason = :reason, expires = :expires,
                        ticket = :ticket, updated_at = :updated, version = :version WHERE id = :id""")
                .param("id", e.id()).param("title", e.title()).param("yaml", e.yaml()).param("reason", e.reason())
                .param("expires", e.expires()).param("ticket", e.ticket()).param("updated", utc(e.updatedAt()))
                .param("version", e.version())
                .update();
    }

    int delete(String id) {
        return jdbc.sql("DELETE FROM rule_exception WHERE id = :id").param("id", id).update();
    }

    int deleteForRule(String ruleId) {
        return jdbc.sql("DELETE FROM rule_exception WHERE rule_id = :rule").param("rule", ruleId).update();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
