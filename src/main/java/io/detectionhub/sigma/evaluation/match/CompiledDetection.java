package io.detectionhub.sigma.evaluation.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.SearchIdentifier;

/** The compiled detection section of a rule or filter: its search identifiers and its condition. */
public final class CompiledDetection {

    private final CompiledSearch[] searches;
    private final ConditionNode condition;

    private CompiledDetection(CompiledSearch[] searches, ConditionNode condition) {
        this.searches = searches;
        this.condition = condition;
    }

    /**
     * @param eventFields  for a field item, the event field names to read it under, in order (see
     *                     {@link ItemCompiler#compile})
     * @param placeholders values for {@code %placeholder%} of the {@code expand} modifier
     * @throws RuleCompilationException when a value or the condition cannot be evaluated
     */
    public static CompiledDetection compile(Detection detection, Function<DetectionItem, List<String>> eventFields,
                                            Map<String, List<String>> placeholders) {
        List<CompiledSearch> searches = new ArrayList<>();
        Map<String, Integer> indexes = new HashMap<>();
        for (SearchIdentifier id : detection.identifiers().values()) {
            CompiledItem[][] maps = new CompiledItem[id.maps().size()][];
            for (int m = 0; m < maps.length; m++) {
                DetectionMap map = id.maps().get(m);
                maps[m] = map.items().stream()
                        .map(item -> ItemCompiler.compile(item, eventFields.apply(item), placeholders))
                        .toArray(CompiledItem[]::new);
            }
            indexes.put(id.name(), searches.size());
            searches.add(new CompiledSearch(id.name(), maps));
        }
        ConditionNode condition = ConditionNode.compile(detection.condition(), indexes);
        return new CompiledDetection(searches.toArray(CompiledSearch[]::new), condition);
    }

    /** The search identifiers, in document order (the condition refers to them by index). */
    public List<CompiledSearch> searches() {
        return List.of(searches);
    }

    public ConditionNode condition() {
        return condition;
    }

    public boolean matches(Event event) {
        return condition.eval(new Memo(event, searches));
    }

    /** Names of the search identifiers that are true for the event, in document order. */
    public List<String> trueSearches(Event event) {
        List<String> out = new ArrayList<>();
        for (CompiledSearch s : searches) {
            if (s.matches(event)) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** The fields of the first matching map of each search in {@code trueSearches}. */
    public List<FieldMatch> explain(Event event, List<String> trueSearches) {
        List<FieldMatch> out = new ArrayList<>();
        for (CompiledSearch s : searches) {
            if (trueSearches.contains(s.name())) {
                int map = s.firstMatchingMap(event);
                if (map >= 0) {
                    out.addAll(s.explainMap(map, event));
                }
            }
        }
        return out;
    }

    /** Evaluates each search identifier at most once per event. */
    private static final class Memo implements IntPredicate {
        private final Event event;
        private final CompiledSearch[] searches;
        /** 0 unknown, 1 true, 2 false. */
        private final byte[] known;

        Memo(Event event, CompiledSearch[] searches) {
            this.event = event;
            this.searches = searches;
            this.known = new byte[searches.length];
        }

        @Override
        public boolean test(int search) {
            byte k = known[search];
            if (k == 0) {
                k = searches[search].matches(event) ? (byte) 1 : (byte) 2;
                known[search] = k;
            }
            return k == 1;
        }
    }
}
