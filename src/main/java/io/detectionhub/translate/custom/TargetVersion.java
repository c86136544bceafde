package io.detectionhub.translate.custom;

import java.time.Instant;

/**
 * One stored version of a user-defined target: who changed it, when, why, and the definition text as saved (null
 * for a deletion).
 */
public record TargetVersion(String name, int version, Action action, String definition, String baseName,
                            String changedBy, String comment, Instant changedAt) {

    public enum Action {
        CREATED, REPLACED, DELETED;

        String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Action fromKeyword(String keyword) {
            return valueOf(keyword.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean deleted() {
        return action == Action.DELETED;
    }
}
