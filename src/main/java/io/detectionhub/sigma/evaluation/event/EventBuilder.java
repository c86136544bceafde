package io.detectionhub.sigma.evaluation.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the scalar values of one event under their dotted paths and builds an {@link Event}.
 * <p>
 * Windows events exported by evtx_dump or Chainsaw ({@code {"Event": {"System": {...}, "EventData": {...}}}}) are also
 * reachable by plain Sigma names: {@code Event.System.X} as {@code X}, {@code Event.EventData.X} as {@code X} with
 * spaces removed ({@code Threat Name} as {@code ThreatName}), {@code Event.UserData.<Element>.X} as {@code X}. XML
 * attributes arrive from the reader already named {@code Element_Attribute} ({@code Provider_Name}).
 */
public final class EventBuilder {

    private final Map<String, List<EventValue>> byLowerName = new HashMap<>();
    /** The keys of {@link #byLowerName} and their lists in insertion order (what the probe search walks). */
    private final List<String> keys = new ArrayList<>();
    private final List<List<EventValue>> lists = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final List<EventValue> all = new ArrayList<>();

    /** Adds a value at a dotted path (an array element is added at its array's path). */
    public EventBuilder add(String path, EventValue value) {
        return add(EventPath.of(path), value);
    }

    /** Adds a value at a path of a reader's tree of paths (see {@link EventPath}). */
    public EventBuilder add(EventPath path, EventValue value) {
        names.add(path.path());
        all.add(value);
        put(path.key(), value);
        if (path.alias() != null) {
            put(path.alias(), value);
        }
        return this;
    }

    public int size() {
        return all.size();
    }

    @SuppressWarnings("unchecked")
    public Event build() {
        SecurityProcessCreation.addSysmonNames(byLowerName, this::putList);
        return new FlatEvent(byLowerName, keys.toArray(String[]::new), lists.toArray(List[]::new), names, all);
    }

    private void put(String key, EventValue value) {
        List<EventValue> list = byLowerName.get(key);
        if (list == null) {
            list = new ArrayList<>(1);
            putList(key, list);
        }
        list.add(value);
    }

    private void putList(String key, List<EventValue> list) {
        byLowerName.put(key, list);
        keys.add(key);
        lists.add(list);
    }

    /** Normalises a Sigma field name the way event keys are stored. */
    public static String key(String field) {
        return field.toLowerCase(Locale.ROOT);
    }

    /**
     * The key of a field as compiled rules hold it: interned, so that the keys of a reader's events (see
     * {@link EventPath}) are the same instances.
     */
    public static String canonicalKey(String field) {
        return key(field).intern();
    }

    private static final class FlatEvent implements Event {
        private final Map<String, List<EventValue>> byLowerName;
        private final String[] keys;
        private final List<EventValue>[] valueLists;
        private final Set<String> names;
        private final List<EventValue> all;
        private List<EventValue> strings;

        FlatEvent(Map<String, List<EventValue>> byLowerName, String[] keys, List<EventValue>[] valueLists,
                  Set<String> names, List<EventValue> all) {
            this.byLowerName = byLowerName;
            this.keys = keys;
            this.valueLists = valueLists;
            this.names = names;
            this.all = all;
        }

        @Override
        public List<EventValue> values(String field) {
            List<EventValue> v = byLowerName.get(field);
            if (v == null) {
                String key = key(field);
                v = key.equals(field) ? null : byLowerName.get(key);
                if (v == null && key.indexOf(' ') >= 0) {
                    v = byLowerName.get(key.replace(" ", ""));
                }
            }
            return v == null ? List.of() : v;
        }

        @Override
        public List<EventValue> allValues() {
            return all;
        }

        @Override
        public List<EventValue> stringValues() {
            List<EventValue> s = strings;
            if (s == null) {
                s = new ArrayList<>(all.size());
                for (EventValue v : all) {
                    if (v.kind() == EventValue.Kind.STRING) {
                        s.add(v);
                    }
                }
                strings = s;
            }
            return s;
        }

        @Override
        public String[] keys() {
            return keys;
        }

        @Override
        public List<EventValue>[] valueLists() {
            return valueLists;
        }

        @Override
        public Set<String> fieldNames() {
            return names;
        }

        @Override
        public String toString() {
            return "Event" + names;
        }
    }
}
