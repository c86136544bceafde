package io.detectionhub.attack.catalog;

/** Where a technique's tactics come from (the shipped data is ATT&amp;CK v18 re-mapped to v19's tactics). */
public enum TacticsSource {
    /** The ATT&amp;CK bundle itself (kill-chain phases), unchanged. */
    ATTACK,
    /** The v19 overlay (Atomic Red Team's index) names this technique's v19 tactics. */
    V19_OVERLAY,
    /** A sub-technique not in the overlay takes the parent's defense-evasion replacement from the overlay. */
    V19_INFERRED_FROM_PARENT,
    /** {@code defense-evasion} became {@code stealth}: v19 renamed TA0005 and moved only some techniques out. */
    V19_RENAMED_TACTIC,
    /** No source gives a tactic. */
    NONE
}
