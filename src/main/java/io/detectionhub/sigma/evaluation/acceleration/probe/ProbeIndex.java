package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;

/**
 * The shared multi-pattern search that decides which rules an event can match before any rule looks at it.
 * <p>
 * Rules register what their items need: a <em>gate</em> is "one of these probes holds in a value of this field" (a
 * keyword item's gate looks at every string value), a <em>unit</em> is one map of a search identifier, open when all
 * its gates are satisfied. An event is searched with the {@link Search} of the rules it is routed to: the probes of
 * the gates that select those rules (the caller says which), kept per field and by anchor, so each field is searched
 * with only its own probes: exact values by one hash
 * lookup, prefixes and suffixes by a trie walk from either end, and only contains probes by a scan of the value
 * ({@link ContainsSearch}). Every probe found is exact (it holds), so a unit that opens has all its literals in place
 * and the rule behind it is very likely to match.
 * <p>
 * Register everything, {@link #build()} once, then scan any number of events, concurrently, each stream with its own
 * {@link ProbeHits}; searches are built on first use and shared.
 */
public final class ProbeIndex {

    private record ScopedProbe(String scope, Probe probe) {
    }

    private final Map<ScopedProbe, Integer> probeIds = new LinkedHashMap<>();
    private final Map<List<Integer>, Integer> gateIds = new HashMap<>();
    private final List<int[]> gateProbes = new ArrayList<>();
    private final List<Boolean> keywordGates = new ArrayList<>();
    private final List<Double> gateLikelihood = new ArrayList<>();
    private final List<int[]> unitGateList = new ArrayList<>();

    /** Gates of each probe, flat: those of probe p at [gatesByProbeStart[p], gatesByProbeStart[p + 1]). */
    private int[] gatesByProbe;
    private int[] gatesByProbeStart;
    /**
     * The units each gate triggers, flat: those of gate g at [triggersStart[g], triggersStart[g + 1]). A unit is
     * triggered by its least likely gate only, so the everyday gates ({@code \\cmd.exe}) that many units share
     * trigger few of them; a triggered unit opens when its other gates were found too.
     */
    int[] triggers;
    int[] triggersStart;
    /** The gates of each unit, flat: those of unit u at [unitGatesStart[u], unitGatesStart[u + 1]). */
    int[] unitGates;
    int[] unitGatesStart;
    /** The scope and probe of each probe id. */
    private ScopedProbe[] probeKeys;
    private static final int MAX_SEARCHES = 1024;
    private final Map<java.util.BitSet, Search> searches = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Search allFields;
    /** Scopes of the cache of repeated values: one per field of each search. */
    private final java.util.concurrent.atomic.AtomicInteger nextScope = new java.util.concurrent.atomic.AtomicInteger();
    private boolean built;
    /** Numbers searches of events ({@link EventValue#searchedIn}); unique across streams and threads. */
    private static final java.util.concurrent.atomic.AtomicLong PASSES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The probes one set of rules needs (the rules an event is routed to): field probes by event key, and the
     * keyword probes, which are searched in every string value. Rules of other logsources add nothing to it, so an
     * event is searched only for what can matter to it.
     */
    public static final class Search {
        private final Fields fields;
        private final FieldProbes keywords;
        /**
         * The gates of each probe among this search's gates, flat (those of probe p at [gateStart[p],
         * gateStart[p + 1])): a probe such as {@code \\svchost.exe} is a gate of rules of many logsources, and
         * counting towards the units of rules the event is not routed to would be wasted.
         */
        final int[] gateStart;
        final int[] gateList;
        /**
         * The units whose gates this search holds, as bits: only their state in {@link ProbeHits} means anything.
         * A unit with a gate the search does not look for is reported open, and its map is evaluated in full.
         */
        final long[] searchedUnits;

        private Search(Fields fields, FieldProbes keywords, int[] gateStart, int[] gateList, long[] searchedUnits) {
            this.fields = fields;
            this.keywords = keywords;
            this.gateStart = gateStart;
            this.gateList = gateList;
            this.searchedUnits = searchedUnits;
        }

        /** The probes of an event key, or null. */
        FieldProbes probes(String key) {
            return fields.probes(key);
        }
    }

    /** Field probes by event key. */
    private static final class Fields {
        /** Hash bits of the keys that have probes: most keys of an event have none and skip the map lookup. */
        private static final int KEY_FILTER_BITS = 1 << 14;
        private final Map<String, FieldProbes> byKey;
        private final long[] keyFilter = new long[KEY_FILTER_BITS >>> 6];

        Fields(Map<String, FieldProbes> byKey) {
            this.byKey = byKey;
            for (String key : byKey.keySet()) {
                int h = key.hashCode() & (KEY_FILTER_BITS - 1);
                keyFilter[h >>> 6] |= 1L << h;
            }
        }

        FieldProbes probes(String key) {
            int h = key.hashCode() & (KEY_FILTER_BITS - 1);
            return (keyFilter[h >>> 6] & (1L << h)) == 0 ? null : byKey.get(key);
        }
    }

    /**
     * Field probes that route searches may hold together, as a multiple of all probes: events naming many different
     * logsources (a hostile upload can) would otherwise build a large search each. Past it, a route searches the
     * field probes of every route (built once) with its own keyword probes: more work per event, same results.
     */
    private final double fieldProbeBudget;
    private final java.util.concurrent.atomic.AtomicLong fieldProbesHeld = new java.util.concurrent.atomic.AtomicLong();

    public ProbeIndex() {
        this(8);
    }

    /** {@code fieldProbeBudget}: see {@link #fieldProbeBudget}. */
    ProbeIndex(double fieldProbeBudget) {
        this.fieldProbeBudget = fieldProbeBudget;
    }

    /**
     * Registers a gate: an item reading the first present of these lower-cased event keys (null for a keyword item,
     * which reads every string value) can only match when one of these probes holds.
     */
    public int gate(String[] fieldKeys, List<Probe> anyOf) {
        checkOpen();
        List<Integer> ids = new ArrayList<>();
        if (fieldKeys == null) {
            for (Probe p : anyOf) {
                ids.add(probeId(null, p));
            }
        } else {
            for (String key : fieldKeys) {
                for (String scope : scopes(key)) {
                    for (Probe p : anyOf) {
                        ids.add(probeId(scope, p));
                    }
                }
            }
        }
        List<Integer> sorted = ids.stream().distinct().sorted().toList();
        return gateIds.computeIfAbsent(sorted, k -> {
            gateProbes.add(k.stream().mapToInt(Integer::intValue).toArray());
            keywordGates.add(fieldKeys == null);
            gateLikelihood.add(likelihood(anyOf));
            return gateProbes.size() - 1;
        });
    }

    /** An event key with spaces is also found without them (see {@link Event#values}). */
    private static List<String> scopes(String key) {
        String compact = key.replace(" ", "");
        return compact.equals(key) ? List.of(key) : List.of(key, compact);
    }

    private int probeId(String scope, Probe probe) {
        return probeIds.computeIfAbsent(new ScopedProbe(scope, probe), k -> probeIds.size());
    }

    /** Registers one map of a search identifier with the gates of its items; a unit without gates is always open. */
    public int unit(int[] gates) {
        checkOpen();
        unitGateList.add(Arrays.stream(gates).distinct().toArray());
        return unitGateList.size() - 1;
    }

    /** Gates of a unit. */
    public int[] gatesOf(int unit) {
        return unitGateList.get(unit);
    }

    /** True when the gate belongs to a keyword item (found only when keyword values are searched). */
    public boolean keywordGate(int gate) {
        return keywordGates.get(gate);
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("The probe index is built");
        }
    }

    /**
     * How likely it is that at least one of these units opens in an event, as a heuristic for picking the most
     * selective units to trigger a rule: a unit needs all its gates, a gate any of its probes.
     */
    public double weight(int[] units) {
        double w = 0;
        for (int unit : units) {
            double p = 1;
            for (int gate : unitGateList.get(unit)) {
                p *= gateLikelihood.get(gate);
            }
            w += p;
        }
        return w;
    }

    private static final List<String> COMMON = List.of("c:\\windows\\system32\\", "c:\\users\\",
            "c:\\program files", "\\svchost.exe", "\\explorer.exe", "\\powershell.exe", "\\cmd.exe",
            "\\rundll32.exe", "\\appdata\\local\\", "\\temp\\", ".exe", ".dll", "http", "true", "false",
            "microsoft", "windows", "system", "hklm\\software\\", "hku\\", "\\currentversion\\", "/usr/bin/",
            "/bin/", "/tmp/", "get", "set", "user");

    /** How likely a gate is to be satisfied by an event (see {@link #likelihood(Probe)}). */
    public static double likelihood(List<Probe> anyOf) {
        double g = 0;
        for (Probe p : anyOf) {
            g += likelihood(p);
        }
        return Math.min(1, g);
    }

    /** Short literals and parts of everyday Windows paths and words are common; anchored probes are rarer. */
    private static double likelihood(Probe probe) {
        if (probe.anchor() == Probe.Anchor.NUMERAL) {
            return 0.001;
        }
        String l = probe.text();
        int n = Math.max(1, l.length());
        double p = 1.0 / ((double) n * n);
        if (COMMON.stream().anyMatch(c -> c.contains(l) || l.contains(c) && l.length() < c.length() + 4)) {
            p *= 20;
        }
        return switch (probe.anchor()) {
            case EXACT -> p / 4;
            case PREFIX, SUFFIX -> p / 2;
            case CONTAINS, NUMERAL -> p;
        };
    }

    public void build() {
        checkOpen();
        built = true;
        int probes = probeIds.size();
        List<List<Integer>> byProbe = lists(probes);
        for (int g = 0; g < gateProbes.size(); g++) {
            for (int p : gateProbes.get(g)) {
                byProbe.get(p).add(g);
            }
        }
        gatesByProbeStart = new int[probes + 1];
        gatesByProbe = flatten(byProbe, gatesByProbeStart);
        List<List<Integer>> byGate = lists(gateProbes.size());
        List<List<Integer>> byUnit = lists(unitGateList.size());
        for (int u = 0; u < unitGateList.size(); u++) {
            int trigger = -1;
            for (int g : unitGateList.get(u)) {
                byUnit.get(u).add(g);
                if (trigger < 0 || gateLikelihood.get(g) < gateLikelihood.get(trigger)) {
                    trigger = g;
                }
            }
            if (trigger >= 0) {
                byGate.get(trigger).add(u);
            }
        }
        triggersStart = new int[gateProbes.size() + 1];
        triggers = flatten(byGate, triggersStart);
        unitGatesStart = new int[unitGateList.size() + 1];
        unitGates = flatten(byUnit, unitGatesStart);
        probeKeys = probeIds.keySet().toArray(ScopedProbe[]::new);
    }

    /** The search for the probes of these gates (field and keyword gates), cached by their set. */
    public Search search(java.util.BitSet gates) {
        Search search = searches.get(gates);
        if (search == null) {
            if (searches.size() < MAX_SEARCHES) {
                search = searches.computeIfAbsent((java.util.BitSet) gates.clone(), g -> newSearch(g, true, false));
            } else {
                search = newSearch(gates, false, false);
            }
        }
        return search;
    }

    private Search newSearch(java.util.BitSet gates, boolean remembered, boolean ownFields) {
        Map<String, FieldProbes.Builder> fields = new HashMap<>();
        FieldProbes.Builder keywords = new FieldProbes.Builder();
        List<Probe> keywordProbeList = new ArrayList<>();
        List<Integer> keywordIds = new ArrayList<>();
        java.util.BitSet added = new java.util.BitSet();
        int[] fieldProbes = new int[1];
        gates.stream().forEach(g -> {
            for (int probe : gateProbes.get(g)) {
                if (!added.get(probe)) {
                    added.set(probe);
                    ScopedProbe sp = probeKeys[probe];
                    if (sp.scope() == null) {
                        keywords.add(sp.probe(), probe);
                        keywordProbeList.add(sp.probe());
                        keywordIds.add(probe);
                    } else {
                        fields.computeIfAbsent(sp.scope(), k -> new FieldProbes.Builder()).add(sp.probe(), probe);
                        fieldProbes[0]++;
                    }
                }
            }
        });
        FieldProbes keywordProbes = keywords.isEmpty() ? null : keywords.build(scope(remembered));
        boolean withinBudget = remembered
                && fieldProbesHeld.get() + fieldProbes[0] <= fieldProbeBudget * probeKeys.length;
        if (!ownFields && !withinBudget) {
            // every field probe, and every gate of each probe: a superset, so nothing is missed
            java.util.BitSet held = (java.util.BitSet) gates.clone();
            for (int g = 0; g < gateProbes.size(); g++) {
                if (!keywordGates.get(g)) {
                    held.set(g);
                }
            }
            return new Search(allFields().fields, keywordProbes, gatesByProbeStart, gatesByProbe,
                    searchedUnits(held));
        }
        if (!ownFields) {
            fieldProbesHeld.addAndGet(fieldProbes[0]);
        }
        Map<String, FieldProbes> byKey = new HashMap<>();
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!keywordIds.isEmpty()) {
                // a field's search finds the keyword probes too, in one pass; the keyword search skips its values
                e.getValue().addKeywords(keywordProbeList, keywordIds);
            }
            byKey.put(e.getKey(), e.getValue().build(scope(remembered)));
        });
        int[] gateStart = new int[probeKeys.length + 1];
        int[] gateList = new int[gatesByProbe.length];
        int at = 0;
        for (int probe = 0; probe < probeKeys.length; probe++) {
            gateStart[probe] = at;
            if (added.get(probe)) {
                for (int g = gatesByProbeStart[probe]; g < gatesByProbeStart[probe + 1]; g++) {
                    if (gates.get(gatesByProbe[g])) {
                        gateList[at++] = gatesByProbe[g];
                    }
                }
            }
        }
        gateStart[probeKeys.length] = at;
        return new Search(new Fields(byKey), keywordProbes, gateStart, java.util.Arrays.copyOf(gateList, at),
                searchedUnits(gates));
    }

    /** The units all of whose gates are among {@code gates}, as bits. */
    private long[] searchedUnits(java.util.BitSet gates) {
        long[] bits = new long[(unitGateList.size() + 63) >>> 6];
        for (int u = 0; u < unitGateList.size(); u++) {
            boolean all = true;
            for (int g : unitGateList.get(u)) {
                all &= gates.get(g);
            }
            if (all) {
                bits[u >>> 6] |= 1L << u;
            }
        }
        return bits;
    }

    private int scope(boolean remembered) {
        return remembered ? nextScope.getAndIncrement() : Integer.MAX_VALUE;
    }

    /** Every field gate (no keyword gate): what {@link #scan} searches for without a search of its own. */
    private Search allFields() {
        Search all = allFields;
        if (all == null) {
            synchronized (this) {
                all = allFields;
                if (all == null) {
                    java.util.BitSet gates = new java.util.BitSet();
                    for (int g = 0; g < gateProbes.size(); g++) {
                        if (!keywordGates.get(g)) {
                            gates.set(g);
                        }
                    }
                    all = newSearch(gates, true, true);
                    allFields = all;
                }
            }
        }
        return all;
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>(2));
        }
        return out;
    }

    /** Lists as one array, list i at [starts[i], starts[i + 1]). */
    private static int[] flatten(List<List<Integer>> lists, int[] starts) {
        int[] out = new int[lists.stream().mapToInt(List::size).sum()];
        int at = 0;
        for (int i = 0; i < lists.size(); i++) {
            starts[i] = at;
            for (int element : lists.get(i)) {
                out[at++] = element;
            }
        }
        starts[lists.size()] = at;
        return out;
    }

    /** State for one stream of events; {@code cacheRepeatedValues}: remember what repeated values hold. */
    public ProbeHits newHits(boolean cacheRepeatedValues) {
        if (!built) {
            throw new IllegalStateException("Build the probe index first");
        }
        return new ProbeHits(this, cacheRepeatedValues ? new ScanMemo() : null);
    }

    public ProbeHits newHits() {
        return newHits(true);
    }

    /**
     * Finds every probe of {@code search} that holds in the event and records it in {@code hits} (which forgets the
     * previous event); with {@code search} null, the probes of every field gate.
     */
    public void scan(Event event, Search search, ProbeHits hits) {
        if (search == null) {
            search = allFields();
        }
        hits.next(search);
        long pass = search.keywords == null ? 0 : PASSES.incrementAndGet();
        String[] keys = event.keys();
        List<EventValue>[] lists = event.valueLists();
        for (int f = 0; f < keys.length; f++) {
            FieldProbes probes = search.probes(keys[f]);
            if (probes != null) {
                List<EventValue> values = lists[f];
                for (int i = 0, n = values.size(); i < n; i++) {
                    EventValue v = values.get(i);
                    if (!v.isNull()) {
                        scan(probes, v, hits);
                        if (probes.holdsKeywords()) {
                            v.searchedIn(pass);
                        }
                    }
                }
            }
        }
        if (search.keywords != null) {
            // every string value, read from the list of all values: no list of the strings is built for it
            List<EventValue> values = event.allValues();
            for (int i = 0, n = values.size(); i < n; i++) {
                EventValue v = values.get(i);
                if (v.kind() == EventValue.Kind.STRING && !v.wasSearchedIn(pass)) {
                    scan(search.keywords, v, hits);
                }
            }
        }
        hits.settle();
    }

    private static void scan(FieldProbes probes, EventValue value, ProbeHits hits) {
        ScanMemo memo = hits.memo();
        String text = value.text();
        int scope = probes.scope();
        boolean remembered = memo != null && probes.worthRemembering() && memo.remembers(scope, text);
        if (remembered) {
            int slot = memo.lookup(scope, text);
            if (slot >= 0) {
                value.rememberLower(memo.lower(slot));
                hits.satisfyAll(memo.found(slot));
                return;
            }
        }
        boolean keep = remembered && memo.admit(scope, text);
        hits.beginValue();
        if (!keep && !value.hasLower() && probes.scanFoldingCase(text, hits)) {
            hits.endValue(false);
            return;
        }
        String lower = value.lower();
        probes.scan(lower, hits);
        int[] found = hits.endValue(keep);
        if (keep) {
            memo.store(scope, text, lower, hits.gatesAndTriggers(found));
        }
    }

    int gateCount() {
        return gateProbes.size();
    }

    int gatesInUnit(int unit) {
        return unitGatesStart[unit + 1] - unitGatesStart[unit];
    }

    /** Number of distinct probes (a literal per field and anchor). */
    public int size() {
        return probeIds.size();
    }
}
