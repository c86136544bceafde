package io.detectionhub.library.revisions;

import java.time.Instant;

/**
 * One revision of a rule with its content: the YAML and the enrichment JSON as they were after the change (a
 * deletion holds the content the rule had when it was deleted).
 */
public record RuleRevision(String ruleId, int number, String change, String author, Instant at, String comment,
                           String title, String yaml, String enrichmentJson) {

    public RevisionSummary summary() {
        return new RevisionSummary(number, change, author, at, comment, title);
    }

    /** When, for people: {@code 2026-12-07 21:57:02 UTC}. */
    public String when() {
        return Revisions.when(at);
    }
}
