package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledItem;

/**
 * A compiled search identifier: an OR of maps, each an AND of items. Each map carries the literal gates of its
 * items; a map whose gate has no literal in the event is skipped without reading any field.
 */
final class CompiledSearch {

    private final String name;
    private final CompiledItem[][] maps;
    private final int[][][] gates;
    private final LiteralIndex index;

    CompiledSearch(String name, CompiledItem[][] maps, LiteralIndex index) {
        this.name = name;
        this.maps = maps;
        this.index = index;
        this.gates = new int[maps.length][][];
        for (int m = 0; m < maps.length; m++) {
            List<int[]> mapGates = new ArrayList<>();
            for (CompiledItem item : maps[m]) {
                for (List<String> gate : item.gates()) {
                    mapGates.add(index.register(gate));
                }
            }
            gates[m] = mapGates.toArray(int[][]::new);
        }
    }

    /**
     * Literal ids of which at least one must occur for this search to match (one gate of each map, united), or
     * null when some map can match without any literal.
     */
    int[] necessaryLiterals() {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int[][] mapGates : gates) {
            if (mapGates.length == 0) {
                return null;
            }
            int[] best = mapGates[0];
            for (int[] g : mapGates) {
                if (index.weight(g) < index.weight(best)) {
                    best = g;
                }
            }
            for (int id : best) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds the event keys the items read; returns false when some item is a keyword search (reads everything). */
    boolean collectKeys(java.util.Set<String> keys) {
        boolean bounded = true;
        for (CompiledItem[] map : maps) {
            for (CompiledItem item : map) {
                if (item.fieldKeys() == null) {
                    bounded = false;
                } else {
                    keys.addAll(java.util.Arrays.asList(item.fieldKeys()));
                }
            }
        }
        return bounded;
    }

    LiteralIndex index() {
        return index;
    }

    String name() {
        return name;
    }

    boolean matches(Event event, BitSet hits) {
        for (int m = 0; m < maps.length; m++) {
            if (hits != null && !open(gates[m], hits)) {
                continue;
            }
            if (allItems(maps[m], event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean open(int[][] mapGates, BitSet hits) {
        for (int[] gate : mapGates) {
            boolean any = false;
            for (int id : gate) {
                if (hits.get(id)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
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
    List<FieldMatch> explain(Event event) {
        List<FieldMatch> out = new ArrayList<>();
        for (CompiledItem[] map : maps) {
            if (allItems(map, event)) {
                for (CompiledItem item : map) {
                    item.explain(event, out);
                }
                return out;
            }
        }
        return out;
    }
}
