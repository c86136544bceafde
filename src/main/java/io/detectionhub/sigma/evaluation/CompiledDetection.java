package io.detectionhub.sigma.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.match.ItemCompiler;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeHits;
import io.detectionhub.sigma.evaluation.acceleration.probe.ProbeIndex;

/** The compiled detection section of a rule or filter: its search identifiers and its condition. */
final class CompiledDetection {

    private final CompiledSearch[] searches;
    private final ConditionNode condition;

    private CompiledDetection(CompiledSearch[] searches, ConditionNode condition) {
        this.searches = searches;
        this.condition = condition;
    }

    static CompiledDetection compile(Detection detection, LogSource logsource, EvaluationOptions options,
                                     ProbeIndex index) {
        List<CompiledSearch> searches = new ArrayList<>();
        Map<String, Integer> indexes = new HashMap<>();
        for (SearchIdentifier id : detection.identifiers().values()) {
            CompiledItem[][] maps = new CompiledItem[id.maps().size()][];
            for (int m = 0; m < maps.length; m++) {
                DetectionMap map = id.maps().get(m);
                maps[m] = map.items().stream()
                        .map(item -> ItemCompiler.compile(item, eventFields(item, logsource, options),
                                options.placeholders()))
                        .toArray(CompiledItem[]::new);
            }
            indexes.put(id.name(), searches.size());
            searches.add(new CompiledSearch(id.name(), maps, index));
        }
        ConditionNode condition = ConditionNode.compile(detection.condition(), indexes);
        return new CompiledDetection(searches.toArray(CompiledSearch[]::new), condition);
    }

    private static List<String> eventFields(DetectionItem item, LogSource logsource, EvaluationOptions options) {
        if (item.isKeyword()) {
            return List.of();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>(
                options.fieldNameMapping().eventFieldsFor(logsource, item.field()));
        names.add(item.field());
        return List.copyOf(names);
    }

    /** See {@link ConditionNode#necessaryClauses}. */
    List<int[]> necessaryClauses() {
        return condition.necessaryClauses(searches);
    }

    boolean matches(Event event, ProbeHits hits) {
        return condition.eval(new ConditionNode.Frame(event, hits, searches));
    }

    /** Names of the search identifiers that are true for the event, in document order. */
    List<String> trueSearches(Event event, ProbeHits hits) {
        List<String> out = new ArrayList<>();
        for (CompiledSearch s : searches) {
            if (s.matches(event, hits)) {
                out.add(s.name());
            }
        }
        return out;
    }

    List<FieldMatch> explain(Event event, List<String> trueSearches, ProbeHits hits) {
        List<FieldMatch> out = new ArrayList<>();
        for (CompiledSearch s : searches) {
            if (trueSearches.contains(s.name())) {
                out.addAll(s.explain(event, hits));
            }
        }
        return out;
    }
}
