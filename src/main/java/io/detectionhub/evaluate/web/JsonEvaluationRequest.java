package io.detectionhub.evaluate.web;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.evaluate.EvaluationSettings;
import io.detectionhub.evaluate.RuleSelection;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventFormatException;
import io.detectionhub.sigma.evaluation.event.EventLimitExceededException;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.evaluation.event.LimitedInputStream;
import io.detectionhub.web.JsonProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON evaluation request from the body stream, token by token: {@code {"rule": "...", "ruleIds": [...],
 * "schema": ..., "timestampField": ..., "product"/"category"/"service": ..., "placeholders": {name: [values]},
 * "events": [...]}}, or a bare array of events. Events that come after the rule selection are evaluated while they
 * are read; events before it are held (within the upload limits) until the selection is known.
 */
final class JsonEvaluationRequest {

    private final EvaluationService service;

    JsonEvaluationRequest(EvaluationService service) {
        this.service = service;
    }

    /**
     * @param fixed   a selection fixed by the URL ({@code /api/rules/{id}/evaluate}), or null
     * @param query   selection and parameters from the query string
     */
    /** An evaluation and the settings it ran with (the body's over the query's). */
    record Outcome(EvaluationResult result, EvaluationSettings settings) {
    }

    Outcome evaluate(InputStream body, RuleSelection fixed, String queryRule, List<String> queryIds,
                     EvaluationSettings query) {
        EventReaderLimits limits = service.limits();
        try (JsonParser p = JsonEventReader.factory(limits)
                .createParser(ObjectReadContext.empty(), new LimitedInputStream(body, limits.maxBytes()))) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                RuleSelection selection = fixed != null ? fixed : RuleSelection.of(queryRule, queryIds);
                EvaluationService.CompiledSelection compiled = service.compile(selection, query);
                return new Outcome(service.evaluate(compiled, JsonEventReader.overArray(p, limits), query), query);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new EventFormatException("The body must be a JSON object {\"rule\": ..., \"events\": [...]} "
                        + "or a JSON array of events");
            }
            return readObject(p, limits, fixed, queryRule, queryIds, query);
        } catch (JacksonException e) {
            if (e instanceof tools.jackson.core.exc.StreamConstraintsException) {
                throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENT_SIZE,
                        limits.maxEventBytes());
            }
            throw new EventFormatException("Malformed JSON body: " + JsonProblems.describe(e), e);
        }
    }

    private Outcome readObject(JsonParser p, EventReaderLimits limits, RuleSelection fixed,
                                        String queryRule, List<String> queryIds, EvaluationSettings query) {
        String rule = null;
        List<String> ruleIds = null;
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        List<Event> held = null;
        Outcome result = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "rule" -> rule = string(p, name);
                case "ruleIds" -> ruleIds = strings(p, name);
                case "schema", "timestampField", "product", "category", "service", "exceptions" -> settings.put(name,
                        string(p, name));
                case "placeholders" -> placeholders = placeholders(p);
                case "explainMisses" -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw new io.detectionhub.web.BadRequestException("\"explainMisses\" must be true or false");
                    }
                    settings.put(name, String.valueOf(value == JsonToken.VALUE_TRUE));
                }
                case "events" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new EventFormatException("\"events\" must be a JSON array");
                    }
                    boolean selectionKnown = fixed != null || rule != null || ruleIds != null;
                    if (selectionKnown) {
                        EvaluationSettings params = parameters(settings, placeholders).over(query);
                        RuleSelection selection = fixed != null ? fixed : RuleSelection.of(rule, ruleIds);
                        result = new Outcome(service.evaluate(service.compile(selection, params),
                                JsonEventReader.overArray(p, limits), params), params);
                    } else {
                        held = new ArrayList<>();
                        JsonEventReader.overArray(p, limits).forEachRemaining(held::add);
                    }
                }
                default -> throw new io.detectionhub.web.BadRequestException("Unknown property \"" + name
                        + "\": the body is {\"rule\" or \"ruleIds\", \"events\": [...], \"schema\", "
                        + "\"timestampField\", \"product\", \"category\", \"service\", \"placeholders\", "
                        + "\"explainMisses\", \"exceptions\"} or an "
                        + "array of events; to evaluate one event, send it in an array: [{...}]");
            }
        }
        if (result != null) {
            return result;
        }
        if (held == null) {
            // An object without "events" evaluates nothing: say so instead of answering "0 events evaluated".
            throw new io.detectionhub.web.BadRequestException("The body has no \"events\" array: send "
                    + "{\"rule\": ..., \"events\": [...]} or an array of events");
        }
        EvaluationSettings params = parameters(settings, placeholders).over(query);
        RuleSelection selection = fixed != null ? fixed
                : rule != null || ruleIds != null ? RuleSelection.of(rule, ruleIds)
                : RuleSelection.of(queryRule, queryIds);
        return new Outcome(service.evaluate(service.compile(selection, params), held.iterator(), params), params);
    }

    private static EvaluationSettings parameters(Map<String, String> s, Map<String, List<String>> placeholders) {
        return new EvaluationSettings(s.get("schema"), s.get("timestampField"), s.get("product"),
                s.get("category"), s.get("service"), placeholders,
                s.containsKey("explainMisses") ? Boolean.valueOf(s.get("explainMisses")) : null, s.get("exceptions"));
    }

    private static String string(JsonParser p, String name) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new io.detectionhub.web.BadRequestException("\"" + name + "\" must be a string");
        }
        return p.getString();
    }

    private static List<String> strings(JsonParser p, String name) {
        List<String> out = new ArrayList<>();
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            out.add(p.getString());
            return out;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new io.detectionhub.web.BadRequestException("\"" + name + "\" must be an array of strings");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new io.detectionhub.web.BadRequestException("\"" + name + "\" must be an array of strings");
            }
            if (out.size() >= 10_000) {
                throw new io.detectionhub.web.BadRequestException("Too many entries in \"" + name + "\"");
            }
            out.add(p.getString());
        }
        return out;
    }

    private static Map<String, List<String>> placeholders(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new io.detectionhub.web.BadRequestException(
                    "\"placeholders\" must be an object of placeholder names to values");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, strings(p, "placeholders." + name));
        }
        return out;
    }
}
