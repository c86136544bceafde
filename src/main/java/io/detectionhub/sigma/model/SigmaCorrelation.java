package io.detectionhub.sigma.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule. {@code rules} are the referenced rule ids or names as written; {@code aliases} maps an
 * alias name to (rule name or id to field name). {@code condition} is never null: for temporal types without a
 * condition the parser supplies {@code gte: <number of rules>}.
 */
public record SigmaCorrelation(RuleMetadata metadata, CorrelationType type, List<String> rules, List<String> groupBy,
                               Duration timespan, String timespanText, CorrelationCondition condition,
                               Map<String, Map<String, String>> aliases, boolean generate) implements SigmaDocument {

    public SigmaCorrelation {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
    }

    public enum CorrelationType {
        EVENT_COUNT("event_count"), VALUE_COUNT("value_count"), TEMPORAL("temporal"),
        TEMPORAL_ORDERED("temporal_ordered");

        private final String keyword;

        CorrelationType(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        public static java.util.Optional<CorrelationType> fromKeyword(String s) {
            for (CorrelationType t : values()) {
                if (t.keyword.equals(s)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * The count condition: one or two bounds (a range such as {@code gt: 100, lte: 200}); {@code field} is set for
     * value_count (the field whose distinct values are counted).
     */
    public record CorrelationCondition(List<Bound> bounds, String field) {
        public CorrelationCondition {
            bounds = List.copyOf(bounds);
        }

        public boolean test(long count) {
            return bounds.stream().allMatch(b -> b.test(count));
        }
    }

    public record Bound(Comparison comparison, long value) {
        public boolean test(long count) {
            return switch (comparison) {
                case GT -> count > value;
                case GTE -> count >= value;
                case LT -> count < value;
                case LTE -> count <= value;
                case EQ -> count == value;
            };
        }
    }

    public enum Comparison {
        GT("gt", ">"), GTE("gte", ">="), LT("lt", "<"), LTE("lte", "<="), EQ("eq", "==");

        private final String keyword;
        private final String symbol;

        Comparison(String keyword, String symbol) {
            this.keyword = keyword;
            this.symbol = symbol;
        }

        public String keyword() {
            return keyword;
        }

        public String symbol() {
            return symbol;
        }
    }
}
