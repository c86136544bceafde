package io.detectionhub.sigma.evaluation.probe;

import java.util.Arrays;

/**
 * What the probe search found in one event, for one stream of events (not thread-safe): the probes that hold, the
 * gates they satisfy and the map units whose gates are all satisfied ("open"). Nothing is cleared between events:
 * each entry carries the stamp of the event it was written for. A unit's stamp and count share one long, so
 * counting a gate towards a unit touches one memory location.
 */
public final class ProbeHits {

    private final ProbeIndex index;
    private final int[] probeStamp;
    private final int[] gateStamp;
    /** Per unit: stamp in the high 32 bits, satisfied gates in the low 32. */
    private final long[] unitState;
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
        this.unitState = new long[index.unitCount()];
    }

    /** Forgets the previous event; the probes found next are those of {@code search}. */
    void next(ProbeIndex.Search search) {
        gateStart = search.gateStart;
        gateList = search.gateList;
        searchedUnits = search.searchedUnits;
        openedCount = 0;
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(probeStamp, 0);
            Arrays.fill(gateStamp, 0);
            Arrays.fill(unitState, 0);
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

    /** Records probes that hold in the current event. */
    void probeAll(int[] ids) {
        for (int id : ids) {
            probe(id);
        }
    }

    /** Records that a probe holds in the current event. */
    private void probe(int id) {
        if (probeStamp[id] == stamp) {
            return;
        }
        probeStamp[id] = stamp;
        int[] gates = gateList;
        int[] units = index.unitsByGate;
        long current = (long) stamp << 32;
        for (int g = gateStart[id], gEnd = gateStart[id + 1]; g < gEnd; g++) {
            int gate = gates[g];
            if (gateStamp[gate] == stamp) {
                continue;
            }
            gateStamp[gate] = stamp;
            // unitsByGate holds pairs: unit, number of gates the unit needs
            for (int u = index.unitsByGateStart[gate], uEnd = index.unitsByGateStart[gate + 1]; u < uEnd; u += 2) {
                int unit = units[u];
                long state = unitState[unit];
                long count = (state & 0xFFFF_FFFF_0000_0000L) == current ? (state & 0xFFFF_FFFFL) + 1 : 1;
                unitState[unit] = current | count;
                if (count == units[u + 1]) {
                    if (openedCount == opened.length) {
                        opened = Arrays.copyOf(opened, openedCount * 2);
                    }
                    opened[openedCount++] = unit;
                }
            }
        }
    }

    /**
     * False when the search of the current event ruled the unit out: some gate of the unit was looked for and not
     * found. True for a unit without gates, and for one whose gates the search did not look for.
     */
    public boolean open(int unit) {
        int gates = index.gatesInUnit(unit);
        if (gates == 0 || (searchedUnits[unit >>> 6] & (1L << unit)) == 0) {
            return true;
        }
        return allGatesFound(unit, gates);
    }

    /** True when the search of the current event found every gate of the unit (false for a unit without gates). */
    boolean allGatesFound(int unit) {
        int gates = index.gatesInUnit(unit);
        return gates > 0 && allGatesFound(unit, gates);
    }

    private boolean allGatesFound(int unit, int gates) {
        long state = unitState[unit];
        return (state >>> 32) == stamp && (state & 0xFFFF_FFFFL) == gates;
    }

    /** The units that opened in the current event (units without gates are not listed). */
    public int openedCount() {
        return openedCount;
    }

    public int opened(int i) {
        return opened[i];
    }
}
