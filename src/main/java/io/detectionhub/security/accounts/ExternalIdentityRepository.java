package io.detectionhub.security.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code external_identity} table: single sign-on identities (issuer, subject) and the accounts they act as. */
@Repository
class ExternalIdentityRepository {

    private final JdbcClient jdbc;

    ExternalIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> accountOf(String issuer, String subject) {
        return jdbc.sql("SELECT account_id FROM external_identity WHERE issuer = :i AND subject = :s")
                .param("i", issuer).param("s", subject).query(Long.class).optional();
    }

    boolean accountHasIdentityOf(long accountId, String issuer) {
        return jdbc.sql("SELECT COUNT(*) FROM external_identity WHERE account_id = :a AND issuer = :i")
                .param("a", accountId).param("i", issuer).query(Long.class).single() > 0;
    }

    void link(String issuer, String subject, long accountId, String provider) {
        Instant now = UserAccountRepository.now();
        jdbc.sql("INSERT INTO external_identity (issuer, subject, account_id, provider, linked_at, last_sign_in_at)"
                        + " VALUES (:i, :s, :a, :p, :at, :at)")
                .param("i", issuer).param("s", subject).param("a", accountId).param("p", provider)
                .param("at", UserAccountRepository.utc(now)).update();
    }

    void signedIn(String issuer, String subject) {
        jdbc.sql("UPDATE external_identity SET last_sign_in_at = :at WHERE issuer = :i AND subject = :s")
                .param("at", UserAccountRepository.utc(UserAccountRepository.now())).param("i", issuer)
                .param("s", subject).update();
    }

    /** The providers each account signs in with, by account id (accounts without any are absent). */
    Map<Long, List<String>> providersByAccount() {
        return jdbc.sql("SELECT account_id, provider FROM external_identity ORDER BY provider")
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
