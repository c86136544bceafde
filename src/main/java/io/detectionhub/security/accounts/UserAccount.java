package io.detectionhub.security.accounts;

import io.detectionhub.security.Role;

import java.time.Instant;

/** A person who signs in with a password. {@code passwordHash} carries its encoder id ({@code {bcrypt}...}). */
public record UserAccount(long id, String username, String passwordHash, Role role, boolean enabled,
                          Instant createdAt, String createdBy, Instant passwordChangedAt) {
}
