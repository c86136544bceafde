package io.detectionhub.library.revisions;

import java.time.Instant;

/**
 * One revision of a rule without its content: its number (1, 2, ... per rule), what happened ({@code created},
 * {@code replaced}, {@code enrichment-updated}, {@code deleted}, {@code restored}, {@code reverted}), who did it (the
 * principal, see {@code security.Actors}), when, why (the change's comment, or null) and the rule's title then.
 */
public record RevisionSummary(int number, String change, String author, Instant at, String comment, String title) {

    /** When, for people: {@code 2026-12-07 21:57:02 UTC}. */
    public String when() {
        return Revisions.when(at);
    }
}
