package io.detectionhub.audit;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code audit_entry} table: insert and filtered reads only (there is no update or delete path). */
@Repository
class AuditRepository {

    private static final String COLUMNS = "id, occurred_at, actor, action, object_type, object_id, summary,"
            + " remote_address";
    private static final RowMapper<AuditEntry> ROW = (rs, i) -> new AuditEntry(rs.getLong("id"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
            rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"), rs.getString("summary"),
            rs.getString("remote_address"));

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant at, String actor, String action, String objectType, String objectId, String summary,
                String remoteAddress) {
        jdbc.sql("INSERT INTO audit_entry (occurred_at, actor, action, object_type, object_id, summary, remote_address)"
                        + " VALUES (:at, :actor, :action, :type, :id, :summary, :address)")
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("actor", actor).param("action", action)
                .param("type", objectType).param("id", objectId).param("summary", summary)
                .param("address", remoteAddress).update();
    }

    /** Newest first. */
    List<AuditEntry> find(AuditQuery query, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + where
                + " ORDER BY occurred_at DESC, id DESC OFFSET " + offset + " ROWS FETCH FIRST " + limit + " ROWS ONLY");
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(ROW).list();
    }

    long count(AuditQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        var spec = jdbc.sql("SELECT COUNT(*) FROM audit_entry" + where(query, params));
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Long.class).single();
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.actor() != null) {
            conditions.add("actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            if (query.action().endsWith(".")) {
                conditions.add("action LIKE :action");
                params.put("action", query.action().replace("%", "").replace("_", "") + "%");
            } else {
                conditions.add("action = :action");
                params.put("action", query.action());
            }
        }
        if (query.objectType() != null) {
            conditions.add("object_type = :type");
            params.put("type", query.objectType());
        }
        if (query.objectId() != null) {
            conditions.add("object_id = :objectId");
            params.put("objectId", query.objectId());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
