package io.detectionhub.security.signin;

import io.detectionhub.security.SecuritySettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Throttles guessing, with its counters in the database ({@code sign_in_throttle}) so that every instance sees the
 * same ones. Two counters per fixed time window: failed sign-ins per account name and per remote address.
 * <ul>
 *     <li>A password attempt first <em>reserves</em> a failure on its account (one atomic UPDATE), and is refused
 *     without checking the password when that makes more than the limit: parallel guesses cannot slip through between
 *     a check and a count. A success deletes the account's counter.</li>
 *     <li>Each failure (password or API key) also counts against the address; an address over its limit is refused
 *     before anything is checked.</li>
 * </ul>
 * Names that do not exist are counted like names that do, so the answers do not tell them apart.
 */
@Component
public class SignInThrottle {

    private static final String ACCOUNT = "account:";
    private static final String ADDRESS = "address:";
    private static final int MAX_KEY = 200;

    private final JdbcClient jdbc;
    private final SecuritySettings.SignIn settings;

    SignInThrottle(JdbcClient jdbc, SecuritySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings.signIn();
    }

    /** Counts a password attempt on the account and checks both limits; throws when one is reached. */
    public void reservePasswordAttempt(String account, String address) {
        refuseIfOver(ADDRESS + address, settings.maxFailuresPerAddress());
        Instant now = now();
        int failures = increment(ACCOUNT + account, now);
        if (failures > settings.maxFailuresPerAccount()) {
            throw new SignInThrottledException(windowEnd(ACCOUNT + account, now));
        }
    }

    /** Checks the address's limit before an API key is looked up. */
    public void checkAddress(String address) {
        refuseIfOver(ADDRESS + address, settings.maxFailuresPerAddress());
    }

    public void failed(String address) {
        increment(ADDRESS + address, now());
    }

    public void passwordAccepted(String account) {
        clearAccount(account);
    }

    public void clearAccount(String account) {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE throttle_key = :k").param("k", key(ACCOUNT + account)).update();
    }

    public Duration window() {
        return settings.window();
    }

    /** Counters of finished windows are of no use: drop them, so guessing at random names leaves nothing behind. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void dropFinishedWindows() {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE window_start <= :start")
                .param("start", utc(now().minus(settings.window()))).update();
    }

    private void refuseIfOver(String key, int limit) {
        Instant now = now();
        Optional<Integer> failures = jdbc.sql("SELECT failures FROM sign_in_throttle WHERE throttle_key = :k"
                        + " AND window_start > :start")
                .param("k", key(key)).param("start", utc(now.minus(settings.window()))).query(Integer.class).optional();
        if (failures.isPresent() && failures.get() >= limit) {
            throw new SignInThrottledException(windowEnd(key, now));
        }
    }

    /** Adds one failure to the key's current window (a new window when the last one has ended); the new count. */
    private int increment(String rawKey, Instant now) {
        String key = key(rawKey);
        OffsetDateTime windowStart = utc(now.minus(settings.window()));
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("UPDATE sign_in_throttle SET failures = failures + 1 WHERE throttle_key = :k"
                    + " AND window_start > :start").param("k", key).param("start", windowStart).update();
            if (updated == 0) {
                updated = jdbc.sql("UPDATE sign_in_throttle SET failures = 1, window_start = :now"
                                + " WHERE throttle_key = :k AND window_start <= :start")
                        .param("k", key).param("now", utc(now)).param("start", windowStart).update();
            }
            if (updated == 0) {
                try {
                    jdbc.sql("INSERT INTO sign_in_throttle (throttle_key, failures, window_start) VALUES (:k, 1, :now)")
                            .param("k", key).param("now", utc(now)).update();
                } catch (DuplicateKeyException e) {
                    continue; // another instance inserted it meanwhile: count on its row
                }
            }
            return jdbc.sql("SELECT failures FROM sign_in_throttle WHERE throttle_key = :k").param("k", key)
                    .query(Integer.class).optional().orElse(1);
        }
        throw new IllegalStateException("could not count a failed sign-in for " + key);
    }

    private Instant windowEnd(String key, Instant now) {
        return jdbc.sql("SELECT window_start FROM sign_in_throttle WHERE throttle_key = :k").param("k", key(key))
                .query(OffsetDateTime.class).optional().map(s -> s.toInstant().plus(settings.window()))
                .orElse(now.plus(settings.window()));
    }

    private static String key(String key) {
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
