package io.detectionhub.security;

/** Published inside the transaction that creates or revokes an API key. Never carries the secret. */
public record ApiKeyChanged(Change change, long id, String name, String summary) {

    public enum Change { CREATED, REVOKED }
}
