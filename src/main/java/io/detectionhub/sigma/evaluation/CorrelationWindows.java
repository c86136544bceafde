package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.CompiledCorrelation.Hit;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaCorrelation.Comparison;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationCondition;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationType;

/**
 * Counts correlation inputs per group within time windows of the correlation's timespan and gives the alerts.
 * <p>
 * Conditions that only grow with more events ({@code gt}, {@code gte}) slide a window from each input: the first
 * window that satisfies the condition is reported with every input inside it, and counting resumes after it, so a
 * burst raises one alert. Conditions with an upper bound ({@code lt}, {@code lte}, {@code eq}, ranges) count whole
 * timespans starting at the first input of the group and then at the first input after the previous window, so an
 * event burst inside one window does not raise alerts for its sub-windows.
 * {@code temporal} counts distinct referenced rules, {@code temporal_ordered} the referenced rules seen in order.
 */
final class CorrelationWindows {

    private CorrelationWindows() {
    }

    static List<CorrelationMatch> alerts(CompiledCorrelation compiled, List<Hit> hits) {
        SigmaCorrelation c = compiled.correlation();
        Map<List<String>, List<Hit>> groups = new LinkedHashMap<>();
        for (Hit h : hits) {
            groups.computeIfAbsent(h.groupValues(), k -> new ArrayList<>()).add(h);
        }
        List<CorrelationMatch> out = new ArrayList<>();
        long span = c.timespan().toMillis();
        boolean growing = c.condition().bounds().stream()
                .allMatch(b -> b.comparison() == Comparison.GT || b.comparison() == Comparison.GTE);
        for (Map.Entry<List<String>, List<Hit>> group : groups.entrySet()) {
            List<Hit> sorted = new ArrayList<>(group.getValue());
            sorted.sort(Comparator.comparing(Hit::timestamp).thenComparing(h -> h.eventIndexes().get(0)));
            if (c.type() == CorrelationType.TEMPORAL_ORDERED) {
                ordered(compiled, group.getKey(), sorted, span, out);
            } else if (growing) {
                sliding(compiled, group.getKey(), sorted, span, out);
            } else {
                tumbling(compiled, group.getKey(), sorted, span, out);
            }
        }
        out.sort(Comparator.comparing(CorrelationMatch::firstTimestamp));
        return out;
    }

    /** Counts events, distinct values or distinct rules over a window, updated as the window moves. */
    private static final class Counter {
        private final CorrelationType type;
        private final Map<Object, Integer> counts = new HashMap<>();
        private int events;

        Counter(CorrelationType type) {
            this.type = type;
        }

        private Object key(Hit h) {
            return switch (type) {
                case VALUE_COUNT -> h.value();
                case TEMPORAL, TEMPORAL_ORDERED -> h.position();
                case EVENT_COUNT -> null;
            };
        }

        void add(Hit h) {
            events++;
            Object k = key(h);
            if (k != null) {
                counts.merge(k, 1, Integer::sum);
            }
        }

        void remove(Hit h) {
            events--;
            Object k = key(h);
            if (k != null) {
                counts.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1);
            }
        }

        long count() {
            return type == CorrelationType.EVENT_COUNT ? events : counts.size();
        }

        void clear() {
            counts.clear();
            events = 0;
        }
    }

    private static void sliding(CompiledCorrelation compiled, List<String> group, List<Hit> hits, long span,
                                List<CorrelationMatch> out) {
        CorrelationCondition condition = compiled.correlation().condition();
        Counter counter = new Counter(compiled.correlation().type());
        int n = hits.size();
        int j = -1;
        int i = 0;
        while (i < n) {
            long end = hits.get(i).timestamp().toEpochMilli() + span;
            while (j + 1 < n && hits.get(j + 1).timestamp().toEpochMilli() <= end) {
                counter.add(hits.get(++j));
            }
            long count = counter.count();
            if (condition.test(count)) {
                out.add(alert(compiled, group, hits.subList(i, j + 1), count));
                counter.clear();
                i = j + 1;
            } else {
                counter.remove(hits.get(i));
                i++;
            }
        }
    }

    private static void tumbling(CompiledCorrelation compiled, List<String> group, List<Hit> hits, long span,
                                 List<CorrelationMatch> out) {
        CorrelationCondition condition = compiled.correlation().condition();
        int n = hits.size();
        int i = 0;
        while (i < n) {
            Counter counter = new Counter(compiled.correlation().type());
            long end = hits.get(i).timestamp().toEpochMilli() + span;
            int j = i;
            while (j < n && hits.get(j).timestamp().toEpochMilli() <= end) {
                counter.add(hits.get(j++));
            }
            long count = counter.count();
            if (condition.test(count)) {
                out.add(alert(compiled, group, hits.subList(i, j), count));
            }
            i = j;
        }
    }

    private static void ordered(CompiledCorrelation compiled, List<String> group, List<Hit> hits, long span,
                                List<CorrelationMatch> out) {
        CorrelationCondition condition = compiled.correlation().condition();
        int n = hits.size();
        int i = 0;
        while (i < n) {
            if (hits.get(i).position() != 0) {
                i++;
                continue;
            }
            long end = hits.get(i).timestamp().toEpochMilli() + span;
            List<Hit> chain = new ArrayList<>();
            chain.add(hits.get(i));
            int next = 1;
            int last = i;
            for (int k = i + 1; k < n && hits.get(k).timestamp().toEpochMilli() <= end; k++) {
                if (hits.get(k).position() == next) {
                    chain.add(hits.get(k));
                    next++;
                    last = k;
                }
            }
            if (condition.test(next)) {
                out.add(alert(compiled, group, chain, next));
                i = last + 1;
            } else {
                i++;
            }
        }
    }

    private static CorrelationMatch alert(CompiledCorrelation compiled, List<String> group, List<Hit> window,
                                          long count) {
        SigmaCorrelation c = compiled.correlation();
        Map<String, String> groupBy = new LinkedHashMap<>();
        for (int g = 0; g < c.groupBy().size(); g++) {
            groupBy.put(c.groupBy().get(g), group.get(g));
        }
        List<Long> indexes = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (Hit h : window) {
            indexes.addAll(h.eventIndexes());
            first = first == null || h.timestamp().isBefore(first) ? h.timestamp() : first;
            last = last == null || h.timestamp().isAfter(last) ? h.timestamp() : last;
        }
        indexes = indexes.stream().distinct().sorted().toList();
        return new CorrelationMatch(compiled.displayId(), c.metadata().title(), c.metadata().level(),
                c.type().keyword(), groupBy, indexes, first, last, count);
    }
}
