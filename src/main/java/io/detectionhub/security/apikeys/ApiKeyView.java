package io.detectionhub.security.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** An API key as the API shows it: by prefix, with its last use; {@code secret} only in the answer that creates it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(long id, String name,
                  @Schema(description = "The start of the secret, enough to recognise the key") String prefix,
                  String role, Instant createdAt, String createdBy, Instant expiresAt, Instant lastUsedAt,
                  Instant revokedAt, String revokedBy,
                  @Schema(description = "active, expired or revoked") String status,
                  @Schema(description = "The secret: send it as Authorization: Bearer <secret>. Only in the answer "
                          + "to the creation, never again.") String secret) {

    static ApiKeyView of(ApiKey key, Instant now) {
        return of(key, now, null);
    }

    static ApiKeyView of(ApiKey key, Instant now, String secret) {
        return new ApiKeyView(key.id(), key.name(), ApiKeySecrets.SCHEME_PREFIX + key.prefix(), key.role().keyword(),
                key.createdAt(), key.createdBy(), key.expiresAt(), key.lastUsedAt(), key.revokedAt(), key.revokedBy(),
                key.status(now).name().toLowerCase(), secret);
    }
}
