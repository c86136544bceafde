package io.detectionhub.sources;

/** Published (inside its transaction) when an admin registers or removes a git source, or a sync of it starts. */
public record RuleSourceChanged(long sourceId, Change change, String url, String summary) {

    public enum Change { REGISTERED, DELETED, SYNC_STARTED }
}
