package io.detectionhub.sources;

import io.detectionhub.library.RuleImportResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The import jobs and their per-file reports in the database (tables {@code import_job}, {@code import_job_file}). */
@Component
class ImportJobs {

    /** A queued or running job whose heartbeat is older than this lost the instance that ran it. */
    static final Duration STALE = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ImportJobs(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    long create(String source, String revision, String licence, int total, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO import_job (source, revision, licence, state, cancel_requested, total_files,
                            processed_files, created_count, updated_count, unchanged_count, invalid_count,
                            conflict_count, skipped_count, created_by, created_at, heartbeat_at)
                        VALUES (?, ?, ?, 'queued', FALSE, ?, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?)""")
                .params(clip(source, 1000), clip(revision, 100), clip(licence, 200), total, clip(createdBy, 200),
                        ts(now), ts(now))
                .update(key, "id");
        return key.getKeyAs(Number.class) == null ? key.getKeys().values().stream().map(Number.class::cast)
                .findFirst().orElseThrow().longValue() : key.getKeyAs(Number.class).longValue();
    }

    void running(long id, Instant now) {
        jdbc.sql("UPDATE import_job SET state = 'running', started_at = ?, heartbeat_at = ? WHERE id = ?")
                .params(ts(now), ts(now), id).update();
    }

    boolean cancelRequested(long id) {
        return jdbc.sql("SELECT cancel_requested FROM import_job WHERE id = ?").param(id).query(Boolean.class)
                .optional().orElse(true);
    }

    /** Asks a queued or running job to stop; false when it is finished (or unknown). */
    boolean requestCancel(long id) {
        return jdbc.sql("UPDATE import_job SET cancel_requested = TRUE WHERE id = ? AND state IN ('queued', 'running')")
                .param(id).update() == 1;
    }

    void finish(long id, String state, String message, Instant now) {
        jdbc.sql("UPDATE import_job SET state = ?, message = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?")
                .params(state, clip(message, 2000), ts(now), ts(now), id).update();
    }

    /** Appends report rows and adds them to the counts and progress (rule files count as processed). */
    /** Adds {@code note} to the message of a file of the report (e.g. the test cases imported for its rule). */
    /** The rules a source holds at one of these paths (its provenance), for a sidecar whose rule file did not change. */
    List<String> rulesAt(String source, List<String> paths) {
        return jdbc.sql("SELECT rule_id FROM rule_provenance WHERE source = :source AND source_path IN (:paths)"
                        + " ORDER BY rule_id")
                .param("source", source).param("paths", paths).query(String.class).list();
    }

    void note(long id, int position, String note) {
        String old = jdbc.sql("SELECT message FROM import_job_file WHERE job_id = ? AND position = ?")
                .params(id, position).query(String.class).optional().orElse(null);
        jdbc.sql("UPDATE import_job_file SET message = ? WHERE job_id = ? AND position = ?")
                .params(clip(old == null ? note : old + " " + note, 2000), id, position).update();
    }

    void report(long id, int firstPosition, List<ImportFileReport> files, List<String> conflictTexts, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        int[] counts = new int[7];
        int processed = 0;
        for (int i = 0; i < files.size(); i++) {
            ImportFileReport f = files.get(i);
            rows.add(new Object[]{id, firstPosition + i, clip(f.path(), 1000), f.status(),
                    clip(String.join(",", f.ruleIds()), 4000), clip(f.message(), 2000),
                    conflictTexts == null ? null : conflictTexts.get(i)});
            int index = switch (f.status()) {
                case "created" -> 0;
                case "updated" -> 1;
                case "unchanged" -> 2;
                case "invalid" -> 3;
                case "conflict" -> 4;
                case "deleted-upstream" -> 6;
                default -> 5;
            };
            counts[index]++;
            if (index < 5) {
                processed++;
            }
        }
        template.batchUpdate("INSERT INTO import_job_file (job_id, position, path, status, rule_ids, message, yaml) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        jdbc.sql("""
                        UPDATE import_job SET created_count = created_count + ?, updated_count = updated_count + ?,
                            unchanged_count = unchanged_count + ?, invalid_count = invalid_count + ?,
                            conflict_count = conflict_count + ?, skipped_count = skipped_count + ?,
                            deleted_count = deleted_count + ?, processed_files = processed_files + ?,
                            heartbeat_at = ? WHERE id = ?""")
                .params(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], processed,
                        ts(now), id)
                .update();
    }

    Optional<ImportJob> find(long id, Instant now) {
        return jdbc.sql("SELECT * FROM import_job WHERE id = ?").param(id).query((rs, n) -> job(rs, now)).optional();
    }

    List<ImportJob> recent(int limit, Instant now) {
        return jdbc.sql("SELECT * FROM import_job ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .query((rs, n) -> job(rs, now)).list();
    }

    /** The report rows, in order; {@code status} filters (null for all). */
    List<ImportFileReport> files(long id, String status) {
        var query = status == null
                ? jdbc.sql("SELECT path, status, rule_ids, message FROM import_job_file WHERE job_id = ?"
                        + " ORDER BY position").param(id)
                : jdbc.sql("SELECT path, status, rule_ids, message FROM import_job_file WHERE job_id = ?"
                        + " AND status = ? ORDER BY position").params(id, status);
        return query.query((rs, n) -> new ImportFileReport(rs.getString(1), rs.getString(2), ids(rs.getString(3)),
                        rs.getString(4))).list();
    }

    /** The conflicting files with their texts (path, ids, text), for a follow-up import that overwrites them. */
    List<Conflict> conflicts(long id) {
        return jdbc.sql("SELECT path, rule_ids, yaml FROM import_job_file WHERE job_id = ? AND status = 'conflict'"
                        + " AND yaml IS NOT NULL ORDER BY position").param(id)
                .query((rs, n) -> new Conflict(rs.getString(1), ids(rs.getString(2)), rs.getString(3))).list();
    }

    record Conflict(String path, List<String> ruleIds, String yaml) {
    }

    static String status(RuleImportResult.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static ImportJob job(ResultSet rs, Instant now) throws SQLException {
        String state = rs.getString("state");
        String message = rs.getString("message");
        Instant heartbeat = instant(rs, "heartbeat_at");
        if ((state.equals("queued") || state.equals("running")) && heartbeat != null
                && heartbeat.isBefore(now.minus(STALE))) {
            state = "failed";
            message = "The instance that ran this import stopped (no progress since " + heartbeat + ").";
        }
        return new ImportJob(rs.getLong("id"), state, rs.getString("source"), rs.getString("revision"),
                rs.getString("licence"), rs.getBoolean("cancel_requested"), rs.getInt("total_files"),
                rs.getInt("processed_files"), new ImportJob.Counts(rs.getInt("created_count"),
                rs.getInt("updated_count"), rs.getInt("unchanged_count"), rs.getInt("invalid_count"),
                rs.getInt("conflict_count"), rs.getInt("skipped_count"), rs.getInt("deleted_count")), message,
                rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static java.time.OffsetDateTime ts(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
