package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.Target;

/** A user-defined target as stored now: its current version and the target it loads to. */
public record StoredTarget(TargetVersion current, Target target) {
}
