package io.detectionhub.sigma.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.parser.SigmaParser;

/** Test helper: Sigma YAML from resources beside the tests, events from JSON text. */
final class Sigma {

    private static final SigmaParser PARSER = new SigmaParser();

    private Sigma() {
    }

    static String resource(String name) {
        try (InputStream in = Sigma.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvaluationEngine engine(String yaml) {
        return engine(yaml, EvaluationOptions.DEFAULT);
    }

    static EvaluationEngine engine(String yaml, EvaluationOptions options) {
        return EvaluationEngine.compile(PARSER.parse(yaml), options);
    }

    static EvaluationEngine engineFromResource(String name) {
        return engine(resource(name));
    }

    static Event event(String json) {
        return events("[" + json + "]").get(0);
    }

    static List<Event> events(String jsonArrayOrNdjson) {
        List<Event> out = new ArrayList<>();
        try (JsonEventReader r = JsonEventReader.open(
                new java.io.ByteArrayInputStream(jsonArrayOrNdjson.getBytes(StandardCharsets.UTF_8)),
                EventReaderLimits.DEFAULT)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    static EvaluationResult run(EvaluationEngine engine, String... jsonEvents) {
        List<Event> events = new ArrayList<>();
        for (String j : jsonEvents) {
            events.add(event(j));
        }
        return engine.evaluate(events, RunOptions.DEFAULT);
    }

    /** True when any rule of the engine matches the single event. */
    static boolean fires(EvaluationEngine engine, String json) {
        return !run(engine, json).matches().isEmpty();
    }

    /** A one-rule document with one selection: {@code detection.selection} given as YAML lines. */
    static String rule(String selectionYaml) {
        StringBuilder sb = new StringBuilder("""
                title: Test rule
                id: 11111111-1111-1111-1111-111111111111
                logsource:
                    category: test
                detection:
                    selection:
                """);
        for (String line : selectionYaml.strip().split("\n")) {
            sb.append("        ").append(line).append('\n');
        }
        sb.append("    condition: selection\nlevel: high\n");
        return sb.toString();
    }
}
