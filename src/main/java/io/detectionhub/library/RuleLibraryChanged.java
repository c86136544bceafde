package io.detectionhub.library;

import java.util.List;

/**
 * Published (inside the write transaction) after every library write. Listen with
 * {@code @TransactionalEventListener} to act only once the write is committed.
 */
public record RuleLibraryChanged(Change change, List<String> ruleIds, long libraryVersion) {

    public enum Change { CREATED, REPLACED, DELETED, ENRICHMENT_UPDATED }
}
