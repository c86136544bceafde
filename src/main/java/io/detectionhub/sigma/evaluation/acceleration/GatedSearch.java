package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.detectionhub.sigma.evaluation.acceleration.probe.Probe;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.match.CompiledSearch;

/**
 * A {@link CompiledSearch} whose maps are units of the probe index, open when every gate of its items is satisfied.
 * The probe search looks only for the gates of the units that select rules (see {@link NecessaryClauses}); where it
 * looked for all of a map's gates and the map is not open, the map is false without reading any field, otherwise the
 * map is evaluated.
 */
final class GatedSearch {

    /**
     * A map is gated by its most selective gates only: the others would rarely rule out a map these leave open, and
     * every probe they add is searched for in every event (the common ones, such as {@code .exe} or {@code /c},
     * occur in most values and cost a check at each occurrence).
     */
    static final int GATES_PER_MAP = 2;

    private final AcceleratedItem[][] maps;
    private final int[] units;
    private final ProbeIndex index;

    GatedSearch(CompiledSearch search, ProbeIndex index) {
        this.index = index;
        this.maps = new AcceleratedItem[search.mapCount()][];
        this.units = new int[maps.length];
        for (int m = 0; m < maps.length; m++) {
            List<CompiledItem> items = search.map(m);
            maps[m] = items.stream().map(AcceleratedItem::new).toArray(AcceleratedItem[]::new);
            units[m] = index.unit(mostSelectiveGates(items));
        }
    }

    private int[] mostSelectiveGates(List<CompiledItem> items) {
        record Gate(String[] fieldKeys, List<Probe> anyOf, double likelihood) {
        }
        List<Gate> candidates = new ArrayList<>();
        for (CompiledItem item : items) {
            for (List<Probe> gate : ItemGates.of(item)) {
                candidates.add(new Gate(item.fieldKeys(), gate, ProbeIndex.likelihood(gate)));
            }
        }
        candidates.sort(Comparator.comparingDouble(Gate::likelihood));
        return candidates.subList(0, Math.min(GATES_PER_MAP, candidates.size())).stream()
                .mapToInt(gate -> index.gate(gate.fieldKeys(), gate.anyOf())).toArray();
    }

    /** The units of this search, or null when some map has no gate (the search can be true whatever occurs). */
    int[] necessaryUnits() {
        for (int unit : units) {
            if (index.gatesOf(unit).length == 0) {
                return null;
            }
        }
        return units.clone();
    }

    boolean matches(Event event, ProbeHits hits) {
        for (int m = 0; m < maps.length; m++) {
            if (hits.open(units[m]) && allItems(maps[m], event)) {
                return true;
            }
        }
        return false;
    }

    /** The first map that matches ({@link CompiledSearch#firstMatchingMap}), skipping those known not to. */
    int firstMatchingMap(Event event, ProbeHits hits) {
        for (int m = 0; m < maps.length; m++) {
            if (hits.open(units[m]) && allItems(maps[m], event)) {
                return m;
            }
        }
        return -1;
    }

    private static boolean allItems(AcceleratedItem[] items, Event event) {
        for (AcceleratedItem item : items) {
            if (!item.matches(event)) {
                return false;
            }
        }
        return true;
    }
}
