package io.detectionhub.deployment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code deployment_export} table (Flyway V90): background exports, their progress and zips. */
@Repository
class ExportJobRepository {

    private static final RowMapper<ExportJob> ROW = (rs, n) -> new ExportJob(rs.getString("id"),
            rs.getString("format"), rs.getString("target"), rs.getString("selection"), rs.getString("status"),
            rs.getInt("total"), rs.getInt("done"), rs.getInt("exported"), rs.getInt("left_out"),
            rs.getString("message"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    ExportJobRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ExportJob job) {
        jdbc.update("INSERT INTO deployment_export (id, format, target, selection, status, total, done, exported, "
                        + "left_out, message, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, "
                        + "NULL, ?, ?, ?)", job.id(), job.format(), job.target(), job.selection(), job.status(),
                job.total(), job.createdBy(), Timestamp.from(job.createdAt()), Timestamp.from(job.createdAt()));
    }

    void progress(String id, int done, Instant now) {
        jdbc.update("UPDATE deployment_export SET done = ?, updated_at = ? WHERE id = ?", done, Timestamp.from(now), id);
    }

    void finish(String id, int done, int exported, int leftOut, byte[] zip, Instant now) {
        jdbc.update("UPDATE deployment_export SET status = ?, done = ?, exported = ?, left_out = ?, zip = ?, "
                + "updated_at = ? WHERE id = ?", ExportJob.DONE, done, exported, leftOut, zip, Timestamp.from(now), id);
    }

    void fail(String id, String message, Instant now) {
        jdbc.update("UPDATE deployment_export SET status = ?, message = ?, updated_at = ? WHERE id = ?",
                ExportJob.FAILED, message, Timestamp.from(now), id);
    }

    Optional<ExportJob> find(String id) {
        List<ExportJob> found = jdbc.query("SELECT id, format, target, selection, status, total, done, exported, "
                + "left_out, message, created_by, created_at, updated_at FROM deployment_export WHERE id = ?", ROW, id);
        return found.stream().findFirst();
    }

    Optional<byte[]> zip(String id) {
        List<byte[]> found = jdbc.query("SELECT zip FROM deployment_export WHERE id = ? AND zip IS NOT NULL",
                (rs, n) -> rs.getBytes(1), id);
        return found.stream().findFirst();
    }

    /** Drops exports older than {@code before} (their zips are large; an export is fetched soon after it is made). */
    int deleteOlderThan(Instant before) {
        return jdbc.update("DELETE FROM deployment_export WHERE created_at < ?", Timestamp.from(before));
    }
}
