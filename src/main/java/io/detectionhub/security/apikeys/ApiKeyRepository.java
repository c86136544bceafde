package io.detectionhub.security.apikeys;

import io.detectionhub.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The {@code api_key} table (portable SQL, H2 and PostgreSQL). */
@Repository
class ApiKeyRepository {

    /** A key with the hash of its secret, for checking a request. */
    record WithHash(ApiKey key, String secretHash) {
    }

    private static final String COLUMNS = "id, name, prefix, role, created_at, created_by, expires_at, last_used_at,"
            + " revoked_at, revoked_by";
    private static final RowMapper<ApiKey> ROW = (rs, i) -> new ApiKey(rs.getLong("id"), rs.getString("name"),
            rs.getString("prefix"), Role.fromKeyword(rs.getString("role")).orElse(Role.VIEWER),
            instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "expires_at"),
            instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"));

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ApiKey> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at DESC, id DESC").query(ROW).list();
    }

    Optional<ApiKey> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = :id").param("id", id).query(ROW).optional();
    }

    boolean nameTaken(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE LOWER(name) = :n").param("n", name.toLowerCase())
                .query(Long.class).single() > 0;
    }

    Optional<WithHash> findByPrefix(String prefix) {
        return jdbc.sql("SELECT " + COLUMNS + ", secret_hash FROM api_key WHERE prefix = :p").param("p", prefix)
                .query((rs, i) -> new WithHash(ROW.mapRow(rs, i), rs.getString("secret_hash"))).optional();
    }

    long insert(String name, String prefix, String secretHash, Role role, Instant now, String createdBy,
                Instant expiresAt) {
        jdbc.sql("INSERT INTO api_key (name, prefix, secret_hash, role, created_at, created_by, expires_at)"
                        + " VALUES (:name, :prefix, :hash, :role, :at, :by, :expires)")
                .param("name", name).param("prefix", prefix).param("hash", secretHash).param("role", role.keyword())
                .param("at", utc(now)).param("by", createdBy).param("expires", utc(expiresAt)).update();
        return jdbc.sql("SELECT id FROM api_key WHERE prefix = :p").param("p", prefix).query(Long.class).single();
    }

    /** Revokes a key that is not revoked yet; false when there was nothing to revoke. */
    boolean revoke(long id, Instant now, String by) {
        return jdbc.sql("UPDATE api_key SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .param("at", utc(now)).param("by", by).param("id", id).update() > 0;
    }

    /** Records a use unless one at or after {@code notBefore} is recorded (bounds the write rate per key). */
    void touch(long id, Instant now, Instant notBefore) {
        jdbc.sql("UPDATE api_key SET last_used_at = :now WHERE id = :id"
                        + " AND (last_used_at IS NULL OR last_used_at < :notBefore)")
                .param("now", utc(now)).param("id", id).param("notBefore", utc(notBefore)).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
