package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.Arrays;

/**
 * What the probe search found in one event, for one stream of events (not thread-safe): the probes that hold, the
 * gates they satisfy and the map units whose gates are all satisfied ("open"). Nothing is cleared between events:
 * each entry carries the stamp of the event it was written for.
 * <p>
 * A unit is looked at only when its trigger, its least likely gate, is satisfied; once the event is searched
 * ({@link #settle}), a triggered unit opens when its other gates were satisfied too. Gates that are everywhere (an
 * image ending in {@code \\cmd.exe}) are shared by many units but trigger few.
 */
public final class ProbeHits {

    private final ProbeIndex index;
    private final int[] probeStamp;
    private final int[] gateStamp;
    private int[] triggered = new int[64];
    private int triggeredCount;
    private int[] opened = new int[64];
    private int openedCount;
    private int stamp;
    /** The probes found in the value being searched, each once (by the value's own stamp). */
    private final int[] valueStamp;
    private int valueCount;
    private int[] inValue = new int[16];
    private int inValueCount;
    private final ScanMemo memo;
    /** The gates of each probe for the search under way. */
    private int[] gateStart;
    private int[] gateList;
    private long[] searchedUnits;

    ProbeHits(ProbeIndex index, ScanMemo memo) {
        this.index = index;
        this.memo = memo;
        this.valueStamp = new int[index.size()];
        this.probeStamp = new int[index.size()];
        this.gateStamp = new int[index.gateCount()];
    }

    /** Forgets the previous event; the probes found next are those of {@code search}. */
    void next(ProbeIndex.Search search) {
        gateStart = search.gateStart;
        gateList = search.gateList;
        searchedUnits = search.searchedUnits;
        triggeredCount = 0;
        openedCount = 0;
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(probeStamp, 0);
            Arrays.fill(gateStamp, 0);
            stamp = 1;
        }
    }

    /** Values looked up in the cache of repeated values so far (0 without the cache). */
    public long cacheLookups() {
        return memo == null ? 0 : memo.lookups();
    }

    /** Values found in the cache of repeated values so far. */
    public long cacheHits() {
        return memo == null ? 0 : memo.hits();
    }

    /** The cache of repeated values of this stream, or null. */
    ScanMemo memo() {
        return memo;
    }

    /** Starts the search of one value: {@link #found} collects what it finds until {@link #endValue}. */
    void beginValue() {
        inValueCount = 0;
        if (++valueCount == Integer.MAX_VALUE) {
            Arrays.fill(valueStamp, 0);
            valueCount = 1;
        }
    }

    /** A probe holds in the value being searched (reported any number of times). */
    void found(int id) {
        if (valueStamp[id] != valueCount) {
            valueStamp[id] = valueCount;
            if (inValueCount == inValue.length) {
                inValue = Arrays.copyOf(inValue, inValueCount * 2);
            }
            inValue[inValueCount++] = id;
        }
    }

    private static final int[] NONE = new int[0];

    /** Records what the value held in the current event; with {@code copy}, also returns it. */
    int[] endValue(boolean copy) {
        for (int i = 0; i < inValueCount; i++) {
            probe(inValue[i]);
        }
        return !copy ? null : inValueCount == 0 ? NONE : Arrays.copyOf(inValue, inValueCount);
    }

    /**
     * What finding these probes records, for the search under way, as {@link #satisfyAll} takes it: each gate they
     * satisfy followed by the number of units it triggers and those units. The cache of repeated values keeps this
     * instead of the probes, so a value it answers costs no walk from probes to gates to units.
     */
    int[] gatesAndTriggers(int[] probes) {
        int[] out = new int[8];
        int n = 0;
        for (int id : probes) {
            for (int g = gateStart[id], gEnd = gateStart[id + 1]; g < gEnd; g++) {
                int gate = gateList[g];
                if (listsGate(out, n, gate)) {
                    continue;
                }
                int u = index.triggersStart[gate];
                int count = index.triggersStart[gate + 1] - u;
                if (n + 2 + count > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + 2 + count));
                }
                out[n++] = gate;
                out[n++] = count;
                System.arraycopy(index.triggers, u, out, n, count);
                n += count;
            }
        }
        return n == 0 ? NONE : Arrays.copyOf(out, n);
    }

    private static boolean listsGate(int[] gatesAndTriggers, int length, int gate) {
        for (int i = 0; i < length; i += 2 + gatesAndTriggers[i + 1]) {
            if (gatesAndTriggers[i] == gate) {
                return true;
            }
        }
        return false;
    }

    /** Records gates satisfied in the current event, as {@link #gatesAndTriggers} lists them. */
    void satisfyAll(int[] gatesAndTriggers) {
        for (int i = 0; i < gatesAndTriggers.length; ) {
            int gate = gatesAndTriggers[i];
            int count = gatesAndTriggers[i + 1];
            i += 2;
            if (gateStamp[gate] != stamp) {
                gateStamp[gate] = stamp;
                trigger(gatesAndTriggers, i, count);
            }
            i += count;
        }
    }

    private void trigger(int[] units, int from, int count) {
        if (triggeredCount + count > triggered.length) {
            triggered = Arrays.copyOf(triggered, Math.max(triggered.length * 2, triggeredCount + count));
        }
        System.arraycopy(units, from, triggered, triggeredCount, count);
        triggeredCount += count;
    }

    /** Records that a probe holds in the current event. */
    private void probe(int id) {
        if (probeStamp[id] == stamp) {
            return;
        }
        probeStamp[id] = stamp;
        int[] gates = gateList;
        int[] units = index.triggers;
        int[] unitsStart = index.triggersStart;
        for (int g = gateStart[id], gEnd = gateStart[id + 1]; g < gEnd; g++) {
            int gate = gates[g];
            if (gateStamp[gate] == stamp) {
                continue;
            }
            gateStamp[gate] = stamp;
            trigger(units, unitsStart[gate], unitsStart[gate + 1] - unitsStart[gate]);
        }
    }

    /** Ends the search of the current event: the triggered units whose every gate was found open. */
    void settle() {
        if (opened.length < triggeredCount) {
            opened = new int[Math.max(opened.length * 2, triggeredCount)];
        }
        int n = 0;
        for (int i = 0; i < triggeredCount; i++) {
            int unit = triggered[i];
            if (gatesFound(unit)) {
                opened[n++] = unit;
            }
        }
        openedCount = n;
    }

    /**
     * False when the search of the current event ruled the unit out: some gate of the unit was looked for and not
     * found. True for a unit without gates, and for one whose gates the search did not look for.
     */
    public boolean open(int unit) {
        return index.gatesInUnit(unit) == 0 || (searchedUnits[unit >>> 6] & (1L << unit)) == 0 || gatesFound(unit);
    }

    /** True when the search of the current event found every gate of the unit (false for a unit without gates). */
    boolean allGatesFound(int unit) {
        return index.gatesInUnit(unit) > 0 && gatesFound(unit);
    }

    private boolean gatesFound(int unit) {
        int[] gates = index.unitGates;
        for (int g = index.unitGatesStart[unit], end = index.unitGatesStart[unit + 1]; g < end; g++) {
            if (gateStamp[gates[g]] != stamp) {
                return false;
            }
        }
        return true;
    }

    /** The units that opened in the current event (units without gates are not listed). */
    public int openedCount() {
        return openedCount;
    }

    public int opened(int i) {
        return opened[i];
    }
}
