package io.detectionhub.sigma.evaluation.match;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.event.Event;

/** A compiled search identifier: an OR of maps, each an AND of items (a list of one-item maps is an OR of items). */
public final class CompiledSearch {

    private final String name;
    private final CompiledItem[][] maps;

    CompiledSearch(String name, CompiledItem[][] maps) {
        this.name = name;
        this.maps = maps;
    }

    public String name() {
        return name;
    }

    public int mapCount() {
        return maps.length;
    }

    /** The items of one map. */
    public List<CompiledItem> map(int index) {
        return List.of(maps[index]);
    }

    public boolean matches(Event event) {
        return firstMatchingMap(event) >= 0;
    }

    /** The index of the first map whose every item matches, or -1. */
    public int firstMatchingMap(Event event) {
        for (int m = 0; m < maps.length; m++) {
            if (mapMatches(m, event)) {
                return m;
            }
        }
        return -1;
    }

    public boolean mapMatches(int map, Event event) {
        for (CompiledItem item : maps[map]) {
            if (!item.matches(event)) {
                return false;
            }
        }
        return true;
    }

    /** The fields of one (matching) map, as {@link CompiledItem#explain} gives them. */
    public List<FieldMatch> explainMap(int map, Event event) {
        List<FieldMatch> out = new ArrayList<>();
        for (CompiledItem item : maps[map]) {
            item.explain(event, out);
        }
        return out;
    }
}
