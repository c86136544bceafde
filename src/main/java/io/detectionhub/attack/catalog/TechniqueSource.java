package io.detectionhub.attack.catalog;

/** Which source knows a technique id. */
public enum TechniqueSource {
    /** The loaded ATT&amp;CK STIX catalogue. */
    ATTACK,
    /** Only the v19 overlay (from Atomic Red Team's index): a v19 id missing from the shipped v18 bundle. */
    V19_OVERLAY,
    /** Only the Atomic Red Team index names it. */
    ATOMIC_INDEX,
    /** No source knows it (e.g. an id from a newer ATT&amp;CK in a rule tag). */
    UNKNOWN
}
