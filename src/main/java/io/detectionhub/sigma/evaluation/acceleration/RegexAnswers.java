package io.detectionhub.sigma.evaluation.acceleration;

import io.detectionhub.sigma.evaluation.acceleration.probe.SecondSightings;

/**
 * What one regular expression answered for short values it saw more than once: {@link #SLOTS} slots, each the last
 * such value (up to {@link #MAX_LENGTH} characters) that hashed there, from its second sighting on
 * ({@link SecondSightings}). The tables are made on the first answer, so expressions that never reach RE2/J cost
 * nothing. Compiled rules are shared by every evaluation, so slots are written without locks: each holds an
 * immutable entry, a reader sees a whole entry or none, and the worst a race costs is asking RE2/J again. The answer
 * depends on the value alone, so remembering it across events and runs is exact.
 */
final class RegexAnswers {

    static final int MAX_LENGTH = 128;
    private static final int SLOTS = 32;

    private record Entry(String text, boolean found) {
    }

    private volatile Entry[] slots;
    private volatile SecondSightings seenOnce;

    /** The remembered answer for this value, or null. */
    Boolean answer(String text) {
        Entry[] table = slots;
        if (table == null || text.length() > MAX_LENGTH) {
            return null;
        }
        Entry e = table[slot(text)];
        return e != null && e.text.equals(text) ? e.found : null;
    }

    void remember(String text, boolean found) {
        if (text.length() > MAX_LENGTH) {
            return;
        }
        SecondSightings seen = seenOnce;
        if (seen == null) {
            seen = new SecondSightings(SLOTS * 4);
            seenOnce = seen;
        }
        if (!seen.seenBefore(text.hashCode())) {
            return;
        }
        Entry[] table = slots;
        if (table == null) {
            table = new Entry[SLOTS];
            slots = table;
        }
        table[slot(text)] = new Entry(text, found);
    }

    private static int slot(String text) {
        int h = text.hashCode();
        return (h ^ h >>> 16) & (SLOTS - 1);
    }
}
