package io.detectionhub.attack.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ATT&amp;CK v19 tactic assignments (from Atomic Red Team's index) for the techniques it covers, used to re-map a v18
 * catalogue to v19's tactics. {@code name} is as Atomic Red Team writes it ("Parent: Sub" for sub-techniques).
 */
public record V19TacticOverlay(List<Entry> entries) {

    public record Entry(String id, String name, List<String> tacticsV19, List<String> tacticsV18, boolean inV18) {

        public Entry {
            tacticsV19 = List.copyOf(tacticsV19);
            tacticsV18 = tacticsV18 == null ? List.of() : List.copyOf(tacticsV18);
        }

        /** The technique's own name: "Disable or Modify Windows Event Log" for "Disable or Modify Tools: Disable ...". */
        public String ownName() {
            if (name == null) {
                return null;
            }
            int colon = name.indexOf(": ");
            return id.contains(".") && colon > 0 ? name.substring(colon + 2) : name;
        }
    }

    public V19TacticOverlay {
        entries = List.copyOf(entries);
    }

    public Map<String, Entry> byId() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.put(e.id(), e);
        }
        return map;
    }

}
