package io.detectionhub.sigma.evaluation.acceleration.probe;


/**
 * What the probe search found in recently seen values, per scope (a field's probes, or a keyword search), for one
 * stream of events: telemetry repeats most values (the same images, users, channels and service command lines over
 * and over), and a repeated value is answered by one hash lookup instead of a search.
 * <p>
 * Bounded: a fixed number of slots, each remembering the last value that hashed there, and only values up to
 * {@link #MAX_LENGTH} characters. A value is remembered from its second sighting on (a table of fingerprints of
 * values seen once admits it), so values that never repeat do not push out those that do. A scope whose values hardly
 * ever repeat (GUIDs, hashes, timestamps) stops being looked up after a trial, so unique values cost only that trial.
 */
final class ScanMemo {

    static final int MAX_LENGTH = 256;
    private static final int SLOTS = 1 << 13;
    /** Lookups per scope before its hit rate is judged, and the least rate (1/n) that keeps it remembered. */
    private static final int TRIAL = 512;
    private static final int MIN_RATE = 8;

    private final SecondSightings seenOnce = new SecondSightings(SLOTS * 2);
    private final String[] texts = new String[SLOTS];
    /** The text's hash per slot: a different value in the slot is told apart without reading its text. */
    private final int[] hashes = new int[SLOTS];
    private final int[] scopes = new int[SLOTS];
    private final String[] lowers = new String[SLOTS];
    private final int[][] found = new int[SLOTS][];
    /** Scopes beyond this are not remembered (each search's fields have their own scopes). */
    private static final int MAX_SCOPES = 1 << 16;
    private int[] lookups = new int[64];
    private int[] hits = new int[64];
    private boolean[] bypassed = new boolean[64];
    private long totalLookups;
    private long totalHits;

    /** True when values of this scope are worth remembering. */
    boolean remembers(int scope, String text) {
        if (scope >= bypassed.length) {
            if (scope >= MAX_SCOPES) {
                return false;
            }
            int size = Math.min(MAX_SCOPES, Integer.highestOneBit(scope) << 1);
            lookups = java.util.Arrays.copyOf(lookups, size);
            hits = java.util.Arrays.copyOf(hits, size);
            bypassed = java.util.Arrays.copyOf(bypassed, size);
        }
        return !bypassed[scope] && text.length() <= MAX_LENGTH;
    }

    /** The slot holding this value of this scope, or -1 (then {@link #store} fills it). */
    int lookup(int scope, String text) {
        totalLookups++;
        int n = ++lookups[scope];
        int h = text.hashCode();
        int s = slot(scope, h);
        if (hashes[s] == h && scopes[s] == scope && text.equals(texts[s])) {
            hits[scope]++;
            totalHits++;
            return s;
        }
        if (n == TRIAL && hits[scope] * MIN_RATE < TRIAL) {
            bypassed[scope] = true;
        }
        return -1;
    }

    /** True when a value just looked up in vain was seen before (and should be stored); else notes its sighting. */
    boolean admit(int scope, String text) {
        return seenOnce.seenBefore(text.hashCode() + scope * 0x9E3779B1);
    }

    void store(int scope, String text, String lower, int[] probes) {
        int h = text.hashCode();
        int s = slot(scope, h);
        hashes[s] = h;
        texts[s] = text;
        scopes[s] = scope;
        lowers[s] = lower;
        found[s] = probes;
    }

    String lower(int slot) {
        return lowers[slot];
    }

    int[] found(int slot) {
        return found[slot];
    }

    long lookups() {
        return totalLookups;
    }

    long hits() {
        return totalHits;
    }

    private static int slot(int scope, int textHash) {
        int h = textHash * 0x9E3779B1 + scope * 0x85EBCA6B;
        return (h ^ (h >>> 15)) & (SLOTS - 1);
    }
}
