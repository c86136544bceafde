package io.detectionhub.library;

import java.util.List;

/**
 * Published (inside the write transaction) after every library write. Listen synchronously to record something in
 * the same transaction (audit, revisions), or with {@code @TransactionalEventListener} to act only once the write is
 * committed (caches). {@code comment} is why the change was made, as its author or source said it (an editor's
 * comment, an import's source commit), or null. Each event of a rule is one revision of it ({@code library.revisions}).
 */
public record RuleLibraryChanged(Change change, List<String> ruleIds, long libraryVersion, String comment) {

    public RuleLibraryChanged(Change change, List<String> ruleIds, long libraryVersion) {
        this(change, ruleIds, libraryVersion, null);
    }

    /**
     * What happened. {@code DELETED} moves the rule to the trash; {@code RESTORED} brings it back from there (with the
     * content it had when deleted); {@code REVERTED} sets a rule's YAML and enrichment to those of an earlier revision.
     */
    public enum Change { CREATED, REPLACED, DELETED, ENRICHMENT_UPDATED, RESTORED, REVERTED }
}
