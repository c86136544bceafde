package io.detectionhub.security.apikeys;

import io.detectionhub.security.Actors;
import io.detectionhub.security.ApiKeyChanged;
import io.detectionhub.security.Role;
import io.detectionhub.security.SecuritySettings;
import io.detectionhub.security.SignInEvent;
import io.detectionhub.security.RemoteAddresses;
import io.detectionhub.security.signin.SignInMethods;
import io.detectionhub.security.signin.SignInThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys: created by an admin with a role and an optional expiry (the secret is returned this once), listed by
 * prefix with their last use, revoked; and the check of a bearer secret on every request. The last use is written at
 * most once per {@code detectionhub.security.api-keys.last-use-resolution} per key, not on every request.
 */
@Service
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A new key with its secret (shown once). */
    public record Created(ApiKey key, String secret) {
    }

    private final ApiKeyRepository repository;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final Duration lastUseResolution;

    ApiKeys(ApiKeyRepository repository, ApplicationEventPublisher events, SignInThrottle throttle,
            SecuritySettings settings) {
        this.repository = repository;
        this.events = events;
        this.throttle = throttle;
        this.lastUseResolution = settings.apiKeys().lastUseResolution();
    }

    public List<ApiKey> all() {
        return repository.all();
    }

    public Optional<ApiKey> find(long id) {
        return repository.findById(id);
    }

    /**
     * Creates a key. Refused ({@link ApiKeyRequestInvalid}) for a malformed or used name, a missing role or an expiry
     * that is not in the future.
     */
    @Transactional
    public Created create(String name, Role role, Instant expiresAt) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new ApiKeyRequestInvalid("name: 1 to 64 letters, digits or . _ - (a name says what uses the key,"
                    + " e.g. soar-playbook)");
        }
        String clean = name.strip();
        if (role == null) {
            throw new ApiKeyRequestInvalid("role: one of viewer, editor, admin");
        }
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ApiKeyRequestInvalid("expiresAt: must be in the future");
        }
        if (repository.nameTaken(clean)) {
            throw new ApiKeyNameTaken(clean);
        }
        ApiKeySecrets.Generated secret = ApiKeySecrets.generate();
        long id = repository.insert(clean, secret.prefix(), secret.hash(), role, now, Actors.current(),
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS));
        ApiKey key = repository.findById(id).orElseThrow();
        events.publishEvent(new ApiKeyChanged(ApiKeyChanged.Change.CREATED, id, clean, "API key " + display(key)
                + " created with role " + role.keyword()
                + (expiresAt == null ? ", no expiry" : ", expires " + expiresAt)));
        return new Created(key, secret.secret());
    }

    /** Revokes a key; false when it does not exist. Revoking a revoked key changes nothing. */
    @Transactional
    public boolean revoke(long id) {
        Optional<ApiKey> key = repository.findById(id);
        if (key.isEmpty()) {
            return false;
        }
        if (repository.revoke(id, now(), Actors.current())) {
            events.publishEvent(new ApiKeyChanged(ApiKeyChanged.Change.REVOKED, id, key.get().name(),
                    "API key " + display(key.get()) + " revoked"));
        }
        return true;
    }

    /**
     * The key of a bearer secret, when it is well formed, known, matches, and is neither expired nor revoked.
     *
     * @throws ApiKeyRefused                                          otherwise (counted against the address)
     * @throws io.detectionhub.security.signin.SignInThrottledException when the address failed too often
     */
    public ApiKey authenticate(String secret) {
        String address = RemoteAddresses.current();
        throttle.checkAddress(address);
        Optional<String> prefix = ApiKeySecrets.prefixOf(secret);
        Optional<ApiKeyRepository.WithHash> found = prefix.flatMap(repository::findByPrefix);
        String reason;
        if (prefix.isEmpty()) {
            reason = "not an API key of this application";
        } else if (found.isEmpty()) {
            reason = "unknown key " + ApiKeySecrets.SCHEME_PREFIX + prefix.get();
        } else if (!ApiKeySecrets.matches(secret, found.get().secretHash())) {
            reason = "wrong secret for key " + found.get().key().name();
        } else {
            ApiKey key = found.get().key();
            Instant now = now();
            ApiKey.Status status = key.status(now);
            if (status == ApiKey.Status.ACTIVE) {
                if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(lastUseResolution))) {
                    repository.touch(key.id(), now, now.minus(lastUseResolution));
                }
                return key;
            }
            reason = (status == ApiKey.Status.EXPIRED ? "expired" : "revoked") + " key " + key.name();
        }
        throttle.failed(address);
        log.info("Refused a bearer API key from {}: {}", address, reason);
        String tried = found.map(f -> f.key().actor())
                .orElse(prefix.map(p -> Actors.API_KEY_PREFIX + ApiKeySecrets.SCHEME_PREFIX + p).orElse("api-key:?"));
        events.publishEvent(new SignInEvent.SignInFailed(tried, SignInMethods.API_KEY, reason));
        throw new ApiKeyRefused(reason);
    }

    static String display(ApiKey key) {
        return "'" + key.name() + "' (" + ApiKeySecrets.SCHEME_PREFIX + key.prefix() + "…)";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
