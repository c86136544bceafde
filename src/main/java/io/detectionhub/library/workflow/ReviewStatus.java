package io.detectionhub.library.workflow;

import java.time.Instant;

/**
 * A rule's review status: its state, the approved revision (exported and deployed; null when none was approved), the
 * latest revision, who last changed its content (who may not approve it under four-eyes), and the last step.
 */
public record ReviewStatus(String ruleId, String state, Integer approvedRevision, int latestRevision,
                           String lastAuthor, boolean fourEyes, String changedBy, Instant changedAt) {
}
