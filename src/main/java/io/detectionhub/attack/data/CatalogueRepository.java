package io.detectionhub.attack.data;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code attack_catalogue} table: the current admin-loaded blob per kind (portable SQL, H2 and PostgreSQL). */
@Repository
public class CatalogueRepository {

    public static final String ATTACK = "attack";
    public static final String ATOMICS = "atomics";

    private final JdbcTemplate jdbc;

    public CatalogueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** kind to revision, cheap enough to poll. */
    public Map<String, Long> revisions() {
        Map<String, Long> out = new HashMap<>();
        jdbc.query("SELECT kind, revision FROM attack_catalogue", rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    public Optional<StoredCatalogue> find(String kind) {
        List<StoredCatalogue> rows = jdbc.query(
                "SELECT kind, revision, content, summary, loaded_at FROM attack_catalogue WHERE kind = ?",
                (rs, n) -> new StoredCatalogue(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), kind);
        return rows.stream().findFirst();
    }

    /** Replaces the blob of a kind and bumps its revision; returns the new revision. */
    @Transactional
    public long save(String kind, byte[] content, String summary) {
        String shortSummary = summary.length() > 2000 ? summary.substring(0, 2000) : summary;
        Instant instant = Instant.now();
        Timestamp now = Timestamp.from(instant);
        // epoch millis keep revisions unique across delete + re-insert, so no instance keeps a stale copy
        long candidate = instant.toEpochMilli();
        int updated = jdbc.update("UPDATE attack_catalogue SET revision = GREATEST(revision + 1, ?), content = ?,"
                + " content_bytes = ?, summary = ?, loaded_at = ? WHERE kind = ?",
                candidate, content, content.length, shortSummary, now, kind);
        if (updated == 0) {
            jdbc.update("INSERT INTO attack_catalogue (kind, revision, content, content_bytes, summary, loaded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", kind, candidate, content, content.length, shortSummary, now);
        }
        Long revision = jdbc.queryForObject("SELECT revision FROM attack_catalogue WHERE kind = ?", Long.class, kind);
        return revision == null ? 0 : revision;
    }

    @Transactional
    public boolean delete(String kind) {
        return jdbc.update("DELETE FROM attack_catalogue WHERE kind = ?", kind) > 0;
    }
}
