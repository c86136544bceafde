package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.model.SigmaCorrelation;

/** A correlation rule with its referenced rules resolved; aliases give each referenced rule's field names. */
final class CompiledCorrelation {

    /** One input of the correlation: a rule match or the alert of a chained correlation. */
    record Hit(int position, List<Long> eventIndexes, Instant timestamp, List<String> groupValues, String value) {
    }

    private final SigmaCorrelation correlation;
    /** For each position of {@code rules}: the names the referenced document is known by (id, name). */
    private final List<List<String>> referenceNames;
    /** Correlations this one reads alerts from: position to correlation index; -1 for rules. */
    private final int[] chainedCorrelation;

    CompiledCorrelation(SigmaCorrelation correlation, List<List<String>> referenceNames, int[] chainedCorrelation) {
        this.correlation = correlation;
        this.referenceNames = List.copyOf(referenceNames);
        this.chainedCorrelation = chainedCorrelation;
    }

    SigmaCorrelation correlation() {
        return correlation;
    }

    int chainedCorrelation(int position) {
        return chainedCorrelation[position];
    }

    List<String> referenceNames(int position) {
        return referenceNames.get(position);
    }

    int positions() {
        return chainedCorrelation.length;
    }

    String displayId() {
        return CompiledRule.displayId(correlation.metadata().id(), correlation.metadata().name(),
                correlation.metadata().title());
    }

    /** The event field a group-by field (or the value_count field) stands for in events of one referenced rule. */
    String fieldFor(String field, int position) {
        Map<String, String> alias = correlation.aliases().get(field);
        if (alias != null) {
            for (String name : referenceNames.get(position)) {
                String f = alias.get(name);
                if (f != null) {
                    return f;
                }
            }
        }
        return field;
    }

    Hit hitFromEvent(Event event, int position, long eventIndex, Instant timestamp) {
        List<String> group = new ArrayList<>(correlation.groupBy().size());
        for (String g : correlation.groupBy()) {
            group.add(firstText(event, fieldFor(g, position)));
        }
        String valueField = correlation.condition().field();
        String value = valueField == null ? null : firstText(event, fieldFor(valueField, position));
        return new Hit(position, List.of(eventIndex), timestamp, group, value);
    }

    /** A chained correlation's alert as an input of this one: its group-by values are the fields. */
    Hit hitFromAlert(CorrelationMatch alert, int position) {
        List<String> group = new ArrayList<>(correlation.groupBy().size());
        for (String g : correlation.groupBy()) {
            group.add(alert.groupBy().get(fieldFor(g, position)));
        }
        String valueField = correlation.condition().field();
        String value = valueField == null ? null : alert.groupBy().get(fieldFor(valueField, position));
        return new Hit(position, alert.eventIndexes(), alert.lastTimestamp(), group, value);
    }

    private static String firstText(Event event, String field) {
        List<EventValue> values = event.values(EventBuilder.key(field));
        return values.isEmpty() ? null : values.get(0).text();
    }
}
