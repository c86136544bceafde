package io.detectionhub.ruletests.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.ruletests.Expectation;
import io.detectionhub.ruletests.RuleTestDraft;
import io.detectionhub.web.BadRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A test case in a JSON request: {@code events} as text (JSON, NDJSON or CSV) or as JSON events (an object or an
 * array), {@code expectation} as a word ({@code match}, {@code no-match}, {@code alerts}) or an object
 * {@code {"kind": "match", "atLeast": 2, "events": [1, 3]}} / {@code {"kind": "alerts", "alerts": [{"groupBy":
 * {"User": "bob"}, "count": 5}]}}.
 */
@Schema(description = "A rule test case")
record RuleTestRequest(
        @Schema(description = "Name, unique per rule", example = "Encoded command from Office") String name,
        @Schema(description = "Events: a JSON object or array, or text (JSON, NDJSON or CSV with a header row)")
        JsonNode events,
        @Schema(description = "auto (default), json, ndjson or csv", example = "auto") String format,
        @Schema(description = "Events in a KQL target's schema (e.g. defender-xdr); none for Sigma field names")
        String schema,
        @Schema(description = "match, no-match, alerts, or {\"kind\": \"match\", \"atLeast\": 2, \"events\": [1]}")
        JsonNode expectation,
        @Schema(description = "manual (default), generated, sigmahq or embedded") String origin,
        @Schema(description = "Where the case came from (free text)") String source) {

    RuleTestDraft draft() {
        if (events == null || events.isNull()) {
            throw new BadRequestException("A test case needs \"events\"");
        }
        String text = events.isString() ? events.asString()
                : events.isObject() ? "[" + events + "]" : events.toString();
        return new RuleTestDraft(name, text, events.isString() ? format : (format == null ? "json" : format), schema,
                expectation(expectation), origin, source);
    }

    static Expectation expectation(JsonNode x) {
        if (x == null || x.isNull()) {
            throw new BadRequestException("A test case needs an \"expectation\": match, no-match or alerts");
        }
        if (x.isString()) {
            return new Expectation(Expectation.Kind.of(x.asString()), null, null, null);
        }
        if (!x.isObject()) {
            throw new BadRequestException("\"expectation\" is a word or an object");
        }
        Integer atLeast = x.hasNonNull("atLeast") ? integer(x.get("atLeast"), "expectation.atLeast") : null;
        List<Integer> events = new ArrayList<>();
        if (x.hasNonNull("events")) {
            if (!x.get("events").isArray()) {
                throw new BadRequestException("expectation.events is an array of event numbers");
            }
            x.get("events").forEach(n -> events.add(integer(n, "expectation.events")));
        }
        List<Expectation.ExpectedAlert> alerts = new ArrayList<>();
        if (x.hasNonNull("alerts")) {
            if (!x.get("alerts").isArray()) {
                throw new BadRequestException("expectation.alerts is an array of {groupBy, count}");
            }
            for (JsonNode a : x.get("alerts")) {
                Map<String, String> group = new LinkedHashMap<>();
                if (a.hasNonNull("groupBy")) {
                    a.get("groupBy").properties().forEach(e -> group.put(e.getKey(), e.getValue().isString()
                            ? e.getValue().asString() : e.getValue().toString()));
                }
                alerts.add(new Expectation.ExpectedAlert(group, a.hasNonNull("count")
                        ? integer(a.get("count"), "expectation.alerts.count") : null));
            }
        }
        String kind = x.hasNonNull("kind") ? x.get("kind").asString() : null;
        return new Expectation(Expectation.Kind.of(kind), atLeast, events, alerts);
    }

    private static Integer integer(JsonNode n, String name) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new BadRequestException(name + " must be a whole number");
        }
        return n.asInt();
    }
}
