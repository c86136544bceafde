package io.detectionhub.ruletests;

import java.util.List;
import java.util.Map;

import io.detectionhub.web.BadRequestException;

/**
 * What a rule must do with a test case's events: {@code match} (at least {@code atLeast} matches, 1 when not given,
 * and each of {@code events} (numbers from 1) among the matching events when given), {@code no-match} (no event
 * matches), or for a correlation rule {@code alerts} (each expected alert among the rule's alerts: its group-by values
 * and, when given, its count; at least one alert when none is listed).
 */
public record Expectation(Kind kind, Integer atLeast, List<Integer> events, List<ExpectedAlert> alerts) {

    public enum Kind {
        MATCH("match"), NO_MATCH("no-match"), ALERTS("alerts");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind of(String keyword) {
            for (Kind k : values()) {
                if (k.keyword.equalsIgnoreCase(keyword == null ? "" : keyword.trim()) || k.name().equalsIgnoreCase(
                        keyword == null ? "" : keyword.trim())) {
                    return k;
                }
            }
            throw new BadRequestException("expectation must be match, no-match or alerts, not '" + keyword + "'");
        }
    }

    /** One correlation alert: its group-by values (field to value) and, when given, how many events it counted. */
    public record ExpectedAlert(Map<String, String> groupBy, Integer count) {
        public ExpectedAlert {
            groupBy = groupBy == null ? Map.of() : Map.copyOf(groupBy);
        }
    }

    public static final Expectation MUST_MATCH = new Expectation(Kind.MATCH, null, null, null);
    public static final Expectation MUST_NOT_MATCH = new Expectation(Kind.NO_MATCH, null, null, null);

    public Expectation {
        if (kind == null) {
            throw new BadRequestException("expectation.kind is required: match, no-match or alerts");
        }
        if (atLeast != null && (atLeast < 1 || atLeast > 1_000_000)) {
            throw new BadRequestException("expectation.atLeast must be between 1 and 1000000");
        }
        events = events == null ? List.of() : List.copyOf(events);
        if (events.stream().anyMatch(n -> n == null || n < 1)) {
            throw new BadRequestException("expectation.events are event numbers, counted from 1");
        }
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        if (kind != Kind.MATCH && (atLeast != null || !events.isEmpty())) {
            throw new BadRequestException("expectation.atLeast and expectation.events belong to match");
        }
        if (kind != Kind.ALERTS && !alerts.isEmpty()) {
            throw new BadRequestException("expectation.alerts belong to alerts");
        }
    }

    /** In words, for pages and JUnit XML. */
    public String describe() {
        return switch (kind) {
            case MATCH -> "must match" + (atLeast != null && atLeast > 1 ? " at least " + atLeast + " times" : "")
                    + (events.isEmpty() ? "" : " on events " + events);
            case NO_MATCH -> "must not match";
            case ALERTS -> alerts.isEmpty() ? "must raise an alert" : "must raise the alerts " + alerts.stream()
                    .map(a -> a.groupBy() + (a.count() == null ? "" : " x" + a.count())).toList();
        };
    }
}
