package io.detectionhub.security;

/**
 * Published inside the transaction of every change to a user account (the audit log records it in the same
 * transaction). {@code summary} says what changed, without secrets.
 */
public record AccountChanged(Change change, String username, String summary) {

    public enum Change { CREATED, ROLE_CHANGED, ENABLED, DISABLED, PASSWORD_RESET, PASSWORD_CHANGED, SSO_LINKED }
}
