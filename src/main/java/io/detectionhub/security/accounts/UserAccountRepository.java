package io.detectionhub.security.accounts;

import io.detectionhub.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The {@code user_account} table (portable SQL, H2 and PostgreSQL). */
@Repository
class UserAccountRepository {

    private static final String COLUMNS = "id, username, password_hash, role, enabled, created_at, created_by,"
            + " password_changed_at";
    private static final RowMapper<UserAccount> ROW = (rs, i) -> new UserAccount(rs.getLong("id"),
            rs.getString("username"), rs.getString("password_hash"),
            Role.fromKeyword(rs.getString("role")).orElse(Role.VIEWER), rs.getBoolean("enabled"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
            rs.getObject("password_changed_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM user_account").query(Long.class).single();
    }

    long countEnabledWithRole(List<String> roles) {
        return jdbc.sql("SELECT COUNT(*) FROM user_account WHERE enabled = TRUE AND role IN (:roles)")
                .param("roles", roles).query(Long.class).single();
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE username = :u").param("u", username)
                .query(ROW).optional();
    }

    Optional<UserAccount> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id").param("id", id).query(ROW)
                .optional();
    }

    List<UserAccount> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account ORDER BY username").query(ROW).list();
    }

    /** Locks the rows of enabled admins until the transaction ends and counts them (the last admin stays). */
    int lockEnabledAdmins() {
        return jdbc.sql("SELECT id FROM user_account WHERE role = 'admin' AND enabled = TRUE FOR UPDATE")
                .query(Long.class).list().size();
    }

    UserAccount insert(String username, String passwordHash, Role role, String createdBy) {
        Instant now = now();
        jdbc.sql("INSERT INTO user_account (username, password_hash, role, enabled, created_at, created_by,"
                        + " password_changed_at) VALUES (:u, :h, :r, TRUE, :at, :by, :at)")
                .param("u", username).param("h", passwordHash).param("r", role.keyword()).param("at", utc(now))
                .param("by", createdBy).update();
        return findByUsername(username).orElseThrow();
    }

    void updateRole(long id, Role role) {
        jdbc.sql("UPDATE user_account SET role = :r WHERE id = :id").param("r", role.keyword()).param("id", id)
                .update();
    }

    void updateEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE user_account SET enabled = :e WHERE id = :id").param("e", enabled).param("id", id).update();
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE user_account SET password_hash = :h, password_changed_at = :at WHERE id = :id")
                .param("h", passwordHash).param("at", utc(now())).param("id", id).update();
    }

    /** A re-hash with a stronger encoder (same password): not a password change. */
    void upgradeHash(String username, String passwordHash) {
        jdbc.sql("UPDATE user_account SET password_hash = :h WHERE username = :u").param("h", passwordHash)
                .param("u", username).update();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
