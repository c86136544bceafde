package io.detectionhub.sources;

import java.time.Instant;
import java.util.List;

/**
 * A git repository registered as a rule source: where (URL, branch, sub-folders; none for the whole tree), whether it
 * has credentials (they are never shown), its schedule (minutes between syncs, null for on demand only), and its last
 * sync (commit, when, the import job with the report).
 */
public record RuleSource(long id, String url, String branch, List<String> folders, boolean hasCredentials,
                         Integer scheduleMinutes, String lastCommit, Instant lastSyncAt, Long lastJobId,
                         String createdBy, Instant createdAt) {
}
