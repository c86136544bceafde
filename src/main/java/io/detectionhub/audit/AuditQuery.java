package io.detectionhub.audit;

import java.time.Instant;

/**
 * Filters of the audit log, shared by the page and the API: exact actor, action (or an action prefix ending in
 * {@code .}, e.g. {@code rule.}), object type and id, and a time range ({@code from} inclusive, {@code to} exclusive).
 * Blank means no filter.
 */
public record AuditQuery(String actor, String action, String objectType, String objectId, Instant from, Instant to) {

    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        objectType = blankToNull(objectType);
        objectId = blankToNull(objectId);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
