package io.detectionhub.library.revisions;

import java.time.Instant;

/** A deleted rule that can be restored: its id, title, who deleted it and when, and the revision of its deletion. */
public record TrashedRule(String id, String title, int revision, String deletedBy, Instant deletedAt) {

    /** When, for people: {@code 2026-12-07 21:57:02 UTC}. */
    public String when() {
        return Revisions.when(deletedAt);
    }
}
