package io.detectionhub.translate.custom;

import java.time.Instant;

/** One entry of a target's history; {@code definition} only when one version is asked for. */
public record VersionView(String name, int version, String action, String changedBy, Instant changedAt, String comment,
                          boolean current, String definition) {

    static VersionView of(TargetVersion v, boolean current, boolean withDefinition) {
        return new VersionView(v.name(), v.version(), v.action().name().toLowerCase(java.util.Locale.ROOT),
                v.changedBy(), v.changedAt(), v.comment(), current, withDefinition ? v.definition() : null);
    }
}
