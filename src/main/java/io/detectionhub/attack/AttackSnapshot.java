package io.detectionhub.attack;

import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.catalog.AttackCatalog;

/**
 * The ATT&amp;CK catalogue and Atomic index in use, with a version string that changes whenever either is replaced
 * (use it as a cache key).
 */
public record AttackSnapshot(AttackCatalog catalog, AtomicIndex atomics, String version) {
}
