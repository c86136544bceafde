package io.detectionhub.translate.custom;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.KqlWhereInterpreter;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic custom target keeps Sigma's meaning: every rule is translated with {@code target=custom}, its query is
 * run on events by {@link KqlWhereInterpreter}, and the evaluation engine ({@code io.detectionhub.sigma.evaluation})
 * is the oracle: an event is selected by the query exactly when the engine says the rule matches it. Rules: the case
 * file beside this test (every modifier) and the condition and filter rules of the evaluation unit tests, with
 * generated events.
 */
class CustomTargetSemanticsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SigmaParser PARSER = new SigmaParser();
    private static final KqlTranslator TRANSLATOR = new KqlTranslator();
    private static final Target CUSTOM = Target.custom("Events");
    private static final String EVALUATION_RESOURCES = "/io/detectionhub/sigma/evaluation/";

    @TestFactory
    Stream<DynamicTest> everyModifierCase() {
        List<Map<String, Object>> cases = new Yaml().load(TargetFiles.read("semantic-cases.yml"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) c.get("events");
            String yaml = ruleYaml(String.valueOf(c.get("name")), c.get("detection"));
            @SuppressWarnings("unchecked")
            Map<Integer, String> known = (Map<Integer, String>) c.getOrDefault("known-divergences", Map.of());
            Outcome outcome = compare(yaml, events);
            // a documented divergence must still diverge (so the entry is removed once the translator handles it)
            assertThat(outcome.mismatchedEvents()).as(outcome.describe()).isEqualTo(known.keySet());
            assertThat(outcome.matched()).as("events the engine matches\n" + outcome.describe()).isPositive();
            assertThat(outcome.unmatched()).as("events the engine does not match\n" + outcome.describe()).isPositive();
        }));
    }

    @TestFactory
    Stream<DynamicTest> evaluationConditionRules() {
        List<Map<String, Object>> abc = new ArrayList<>();
        Object[] values = {null, 1, "1", 2};
        for (Object a : values) {
            for (Object b : values) {
                for (Object c : values) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    put(e, "A", a);
                    put(e, "B", b);
                    put(e, "C", c);
                    put(e, "Other", "x");
                    abc.add(e);
                }
            }
        }
        List<Map<String, Object>> processes = new ArrayList<>();
        for (String image : List.of("C:\\Windows\\cmd.exe", "C:\\Windows\\whoami.exe", "C:\\Windows\\net.exe", "C:\\x.exe")) {
            for (String cli : List.of("whoami /all", "dir")) {
                for (String user : List.of("SYSTEM", "admin", "bob")) {
                    for (String computer : List.of("ADMIN-WS01", "WS02")) {
                        processes.add(Map.of("Image", image, "CommandLine", cli, "User", user, "ComputerName", computer));
                    }
                }
            }
        }
        Map<String, List<Map<String, Object>>> rules = new LinkedHashMap<>();
        for (String name : List.of("all-of-them", "condition-list", "nested-not", "parentheses", "precedence", "them")) {
            rules.put("conditions/" + name + ".yml", abc);
        }
        rules.put("conditions/of-patterns.yml", processes);
        rules.put("notes/filter.yml", processes);
        rules.put("notes/filter-other-logsource.yml", processes);
        return rules.entrySet().stream().map(r -> DynamicTest.dynamicTest(r.getKey(), () -> {
            Outcome outcome = compare(resource(EVALUATION_RESOURCES + r.getKey()), r.getValue());
            assertThat(outcome.mismatches()).as(outcome.describe()).isEmpty();
            assertThat(outcome.matched()).isPositive();
            assertThat(outcome.unmatched()).isPositive();
        }));
    }

    private static void put(Map<String, Object> event, String field, Object value) {
        if (value != null) {
            event.put(field, value);
        }
    }

    /** Translates every rule of the YAML with the custom target and runs the engine and the query on the events. */
    static Outcome compare(String yaml, List<Map<String, Object>> events) {
        SigmaCollection collection = PARSER.parse(yaml);
        List<Translation> translations = TRANSLATOR.translate(collection, CUSTOM, TranslationOptions.PLAIN);
        EvaluationEngine engine = EvaluationEngine.compile(collection, EvaluationOptions.DEFAULT);
        assertThat(engine.problems()).isEmpty();
        List<Event> parsed = events(events);
        Set<String> engineMatches = new HashSet<>();
        for (RuleMatch m : engine.evaluate(parsed, RunOptions.DEFAULT).matches()) {
            engineMatches.add(m.ruleId() + "#" + m.eventIndex());
        }
        Outcome outcome = new Outcome(new ArrayList<>(), new StringBuilder());
        for (Translation t : translations) {
            KqlWhereInterpreter query = KqlWhereInterpreter.parse(t.query());
            assertThat(query.table()).isEqualTo("Events");
            outcome.log().append(t.query()).append('\n');
            for (int i = 0; i < events.size(); i++) {
                boolean engineSays = engineMatches.contains(t.ruleId() + "#" + i);
                boolean querySays = query.selects(row(events.get(i)));
                outcome.log().append("  ").append(engineSays ? "match    " : "no match ").append(events.get(i)).append('\n');
                if (engineSays) {
                    outcome.counts()[0]++;
                } else {
                    outcome.counts()[1]++;
                }
                if (engineSays != querySays) {
                    outcome.mismatchedEvents().add(i);
                    outcome.mismatches().add(t.title() + ": engine " + (engineSays ? "matches" : "does not match")
                            + " but the query " + (querySays ? "selects" : "does not select") + " " + events.get(i));
                }
            }
        }
        return outcome;
    }

    record Outcome(List<String> mismatches, Set<Integer> mismatchedEvents, StringBuilder log, int[] counts) {
        Outcome(List<String> mismatches, StringBuilder log) {
            this(mismatches, new java.util.TreeSet<>(), log, new int[2]);
        }

        int matched() {
            return counts[0];
        }

        int unmatched() {
            return counts[1];
        }

        String describe() {
            return String.join("\n", mismatches) + "\n" + log;
        }
    }

    private static List<Event> events(List<Map<String, Object>> events) {
        for (Map<String, Object> e : events) {
            e.forEach((k, v) -> {
                if (v == null || v instanceof Map || v instanceof List || "".equals(v)) {
                    throw new IllegalArgumentException("event value outside what a table column can hold: " + e);
                }
            });
        }
        List<Event> out = new ArrayList<>();
        byte[] json = JSON.writeValueAsString(events).getBytes(StandardCharsets.UTF_8);
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(json), EventReaderLimits.DEFAULT)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    /** The event as a row of string columns: numbers and booleans as their text. */
    private static Map<String, String> row(Map<String, Object> event) {
        Map<String, String> row = new LinkedHashMap<>();
        event.forEach((k, v) -> row.put(k, String.valueOf(v)));
        return row;
    }

    private static String ruleYaml(String title, Object detection) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("title", title);
        rule.put("id", java.util.UUID.nameUUIDFromBytes(title.getBytes(StandardCharsets.UTF_8)).toString());
        rule.put("logsource", Map.of("category", "test"));
        rule.put("detection", detection);
        rule.put("level", "low");
        return new Yaml().dump(rule);
    }

    private static String resource(String path) {
        try (InputStream in = CustomTargetSemanticsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
