package io.detectionhub.sigma.evaluation.acceleration.probe;

/**
 * Fingerprints of values seen once, for the caches of the evaluation: a value is worth keeping from its second
 * sighting on, so values that never repeat (GUIDs, times) do not push out those that do. One fingerprint a slot, the
 * last value that hashed there; not thread-safe beyond this: a lost or stale fingerprint only delays or hastens
 * keeping a value, never changes an answer.
 */
public final class SecondSightings {

    private final int[] fingerprints;

    /** {@code slots}: a power of two. */
    public SecondSightings(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("Not a power of two: " + slots);
        }
        this.fingerprints = new int[slots];
    }

    /** True when a value of this hash was seen before (keep it now); else notes this sighting. */
    public boolean seenBefore(int hash) {
        int h = hash * 0x85EBCA6B;
        int fingerprint = h | 1;
        int at = (h ^ h >>> 17) & (fingerprints.length - 1);
        if (fingerprints[at] == fingerprint) {
            return true;
        }
        fingerprints[at] = fingerprint;
        return false;
    }
}
