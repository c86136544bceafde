package io.detectionhub.security.apikeys;

import io.detectionhub.security.Role;

import java.time.Instant;

/** A stored API key: never its secret, only what identifies and limits it. */
public record ApiKey(long id, String name, String prefix, Role role, Instant createdAt, String createdBy,
                     Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** The actor name of requests made with this key. */
    public String actor() {
        return io.detectionhub.security.Actors.API_KEY_PREFIX + name;
    }
}
