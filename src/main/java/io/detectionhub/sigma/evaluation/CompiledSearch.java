package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.acceleration.probe.Probe;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;

/**
 * A compiled search identifier: an OR of maps, each an AND of items. Each map is a unit of the probe index, open
 * when every gate of its items is satisfied. The probe search looks only for the gates of the units that select rules
 * (see {@link ConditionNode#necessary}); where it looked for all of a map's gates and the map is not open, the map is
 * false without reading any field, otherwise the map is evaluated.
 */
final class CompiledSearch {

    /**
     * A map is gated by its most selective gates only: the others would rarely rule out a map these leave open, and
     * every probe they add is searched for in every event (the common ones, such as {@code .exe} or {@code /c},
     * occur in most values and cost a check at each occurrence).
     */
    static final int GATES_PER_MAP = 2;

    private final String name;
    private final CompiledItem[][] maps;
    private final int[] units;
    private final ProbeIndex index;

    CompiledSearch(String name, CompiledItem[][] maps, ProbeIndex index) {
        this.name = name;
        this.maps = maps;
        this.index = index;
        this.units = new int[maps.length];
        for (int m = 0; m < maps.length; m++) {
            record Gate(String[] fieldKeys, List<Probe> anyOf, double likelihood) {
            }
            List<Gate> candidates = new ArrayList<>();
            for (CompiledItem item : maps[m]) {
                for (List<Probe> gate : item.gates()) {
                    candidates.add(new Gate(item.fieldKeys(), gate, ProbeIndex.likelihood(gate)));
                }
            }
            candidates.sort(java.util.Comparator.comparingDouble(Gate::likelihood));
            List<Integer> gates = new ArrayList<>();
            for (Gate gate : candidates.subList(0, Math.min(GATES_PER_MAP, candidates.size()))) {
                gates.add(index.gate(gate.fieldKeys(), gate.anyOf()));
            }
            units[m] = index.unit(gates.stream().mapToInt(Integer::intValue).toArray());
        }
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

    ProbeIndex index() {
        return index;
    }

    String name() {
        return name;
    }

    /** With {@code hits} null, every map is evaluated (explanations). */
    boolean matches(Event event, ProbeHits hits) {
        for (int m = 0; m < maps.length; m++) {
            if (hits != null && !hits.open(units[m])) {
                continue;
            }
            if (allItems(maps[m], event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allItems(CompiledItem[] items, Event event) {
        for (CompiledItem item : items) {
            if (!item.matches(event)) {
                return false;
            }
        }
        return true;
    }

    /** The fields of the first map that matches. */
    List<FieldMatch> explain(Event event, ProbeHits hits) {
        List<FieldMatch> out = new ArrayList<>();
        for (int m = 0; m < maps.length; m++) {
            CompiledItem[] map = maps[m];
            if ((hits == null || hits.open(units[m])) && allItems(map, event)) {
                for (CompiledItem item : map) {
                    item.explain(event, out);
                }
                return out;
            }
        }
        return out;
    }
}
