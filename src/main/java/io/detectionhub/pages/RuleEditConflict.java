package io.detectionhub.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the rule editor shows when a save finds the rule changed meanwhile: who saved which version when ({@code
 * changedBy} null when unknown), and their version in the editor's fields, beside the editor with what was typed.
 */
public record RuleEditConflict(String changedBy, Instant changedAt, long version, RuleEditForm theirs) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The name to show: the principal, or "someone" when it is not known. */
    public String who() {
        return changedBy == null ? "someone" : changedBy;
    }

    public String when() {
        return WHEN.format(changedAt);
    }
}
