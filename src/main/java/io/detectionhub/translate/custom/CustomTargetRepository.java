package io.detectionhub.translate.custom;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The append-only version table of user-defined targets and its change counter. */
@Repository
class CustomTargetRepository {

    private static final String COLUMNS = "name, version, action, definition, base_name, changed_by, comment, changed_at";
    private static final RowMapper<TargetVersion> ROW = (rs, i) -> new TargetVersion(
            rs.getString("name"), rs.getInt("version"), TargetVersion.Action.fromKeyword(rs.getString("action")),
            rs.getString("definition"), rs.getString("base_name"), rs.getString("changed_by"), rs.getString("comment"),
            rs.getObject("changed_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    CustomTargetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long revision() {
        return jdbc.sql("SELECT revision FROM custom_target_state WHERE id = 1").query(Long.class).single();
    }

    /** Must run inside the write transaction: locks the counter row, so writers are serialised. */
    long bumpRevision() {
        jdbc.sql("UPDATE custom_target_state SET revision = revision + 1 WHERE id = 1").update();
        return revision();
    }

    /** The latest version of a name, deleted or not. */
    Optional<TargetVersion> latest(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_target_version WHERE name = :name"
                        + " ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
                .param("name", name).query(ROW).optional();
    }

    /** The latest version of every name that is not deleted, by name. */
    List<TargetVersion> current() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_target_version v WHERE v.action <> 'deleted'"
                        + " AND v.version = (SELECT MAX(w.version) FROM custom_target_version w WHERE w.name = v.name)"
                        + " ORDER BY v.name")
                .query(ROW).list();
    }

    /** Every version of a name, newest first. */
    List<TargetVersion> versions(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_target_version WHERE name = :name ORDER BY version DESC")
                .param("name", name).query(ROW).list();
    }

    Optional<TargetVersion> version(String name, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM custom_target_version WHERE name = :name AND version = :version")
                .param("name", name).param("version", version).query(ROW).optional();
    }

    void insert(TargetVersion v) {
        jdbc.sql("INSERT INTO custom_target_version (" + COLUMNS + ") VALUES (:name, :version, :action, :definition,"
                        + " :base, :by, :comment, :at)")
                .param("name", v.name()).param("version", v.version()).param("action", v.action().keyword())
                .param("definition", v.definition()).param("base", v.baseName()).param("by", v.changedBy())
                .param("comment", v.comment()).param("at", OffsetDateTime.ofInstant(v.changedAt(), ZoneOffset.UTC))
                .update();
    }

    static Instant now() {
        // microseconds: what both H2 and PostgreSQL store, so a value read back equals the value written
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
