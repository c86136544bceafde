package io.detectionhub.sigma.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.evaluation.benchmark.EvaluationBenchmark;
import io.detectionhub.sigma.evaluation.benchmark.EventGenerator;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventReader;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.EventReaders;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

/**
 * The probe search may only rule out rules that cannot match: with the whole SigmaHQ corpus loaded, a normal run
 * finds exactly the matches of a run that evaluates every routed rule in full. Events are the benchmark's generated
 * ones and events built from the rules' own values (so that most rules have an event they match). Skipped when the
 * shared corpus is absent.
 */
class ProbeSearchDifferentialTest {

    private static List<SigmaDocument> corpus;
    private static EvaluationEngine engine;

    @BeforeAll
    static void loadCorpus() {
        CorpusTranslation.sharedDir().ifPresent(shared -> {
            corpus = EvaluationBenchmark.loadCorpus(shared);
            engine = EvaluationEngine.compile(corpus, EvaluationOptions.DEFAULT);
        });
    }

    @Test
    void generatedEventsGiveTheSameMatchesWithAndWithoutTheProbeSearch() throws IOException {
        assumeTrue(engine != null, "no SigmaHQ corpus in ../shared");
        Path file = Files.createTempFile("detectionhub-differential", ".json");
        try {
            EventGenerator.write(file, 4_000, 7L);
            List<Event> events = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file);
                 EventReader r = EventReaders.open(in, "application/json", EventReaderLimits.UNLIMITED)) {
                r.forEachRemaining(events::add);
            }
            int matches = assertSameMatches(events);
            assertTrue(matches > 200, "the generated events match known rules: " + matches);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void eventsBuiltFromRuleValuesGiveTheSameMatchesWithAndWithoutTheProbeSearch() {
        assumeTrue(engine != null, "no SigmaHQ corpus in ../shared");
        Random random = new Random(11);
        List<Event> events = new ArrayList<>();
        List<SigmaRule> rules = corpus.stream().filter(SigmaRule.class::isInstance).map(SigmaRule.class::cast)
                .toList();
        for (int i = 0; i < rules.size(); i += 3) {
            Event e = eventFrom(rules.get(i), random);
            if (e != null) {
                events.add(e);
            }
        }
        int matches = assertSameMatches(events);
        assertTrue(matches > 500, "events built from rule values match their rules: " + matches);
    }

    /**
     * Exceptions drafted from matches (one per rule, as "suppress matches like this" does) and applied to the whole
     * corpus: the probe search and the exhaustive run find the same matches and suppress the same events, naming the
     * same filters.
     */
    @Test
    void draftedExceptionsSuppressTheSameWithAndWithoutTheProbeSearch() {
        assumeTrue(engine != null, "no SigmaHQ corpus in ../shared");
        Random random = new Random(11);
        List<Event> events = new ArrayList<>();
        List<SigmaRule> rules = corpus.stream().filter(SigmaRule.class::isInstance).map(SigmaRule.class::cast)
                .toList();
        for (int i = 0; i < rules.size(); i += 3) {
            Event e = eventFrom(rules.get(i), random);
            if (e != null) {
                events.add(e);
            }
        }
        java.util.Map<String, SigmaRule> byId = new java.util.HashMap<>();
        rules.forEach(r -> byId.putIfAbsent(CompiledRule.displayId(r.metadata().id(), r.metadata().name(),
                r.metadata().title()), r));
        java.util.Set<String> drafted = new java.util.HashSet<>();
        List<SigmaDocument> withExceptions = new ArrayList<>(corpus);
        io.detectionhub.sigma.parser.SigmaParser parser = new io.detectionhub.sigma.parser.SigmaParser();
        for (RuleMatch m : engine.evaluate(events, RunOptions.DEFAULT.withMaxMatches(1_000_000)).matches()) {
            SigmaRule rule = byId.get(m.ruleId());
            if (rule == null || !drafted.add(m.ruleId())) {
                continue;
            }
            try {
                withExceptions.add(parser.parse(io.detectionhub.sigma.exceptions.ExceptionDraft.fromEvent(rule,
                        events.get((int) m.eventIndex()), m.matchedFields(), FieldNameMapping.IDENTITY, null).yaml())
                        .filters().get(0));
            } catch (IllegalArgumentException e) {
                drafted.remove(m.ruleId());
            }
        }
        EvaluationEngine filtered = EvaluationEngine.compile(withExceptions, EvaluationOptions.DEFAULT);
        RunOptions options = RunOptions.DEFAULT.withMaxMatches(1_000_000);
        EvaluationEngine.Run probed = filtered.newRun(options);
        EvaluationEngine.Run exhaustive = filtered.newExhaustiveRun(options);
        for (Event e : events) {
            probed.accept(e);
            exhaustive.accept(e);
        }
        EvaluationResult expected = exhaustive.finish();
        EvaluationResult actual = probed.finish();
        assertEquals(keys(expected), keys(actual), "matches with exceptions differ");
        assertEquals(expected.suppressed(), actual.suppressed(), "suppressed matches differ");
        System.out.printf("Exceptions drafted for %d corpus rules: %d events suppressed, %d matched, the same with "
                + "and without the probe search%n", drafted.size(), actual.suppressed().size(), actual.matches().size());
        assertTrue(actual.suppressed().size() >= drafted.size(), "each exception suppresses the event it was "
                + "drafted from: " + actual.suppressed().size() + " of " + drafted.size());
    }

    private static int assertSameMatches(List<Event> events) {
        RunOptions options = RunOptions.DEFAULT.withMaxMatches(1_000_000);
        EvaluationEngine.Run probed = engine.newRun(options);
        EvaluationEngine.Run exhaustive = engine.newExhaustiveRun(options);
        for (Event e : events) {
            probed.accept(e);
            exhaustive.accept(e);
        }
        List<String> expected = keys(exhaustive.finish());
        List<String> actual = keys(probed.finish());
        assertEquals(expected, actual, "matches found only by evaluating every rule are missing: the probe search "
                + "ruled out a rule that matches");
        return expected.size();
    }

    private static List<String> keys(EvaluationResult result) {
        return result.matches().stream().map(m -> m.eventIndex() + " " + m.ruleId()).toList();
    }

    /** An event holding, for the first map of each search, a value each item would accept (as far as simple). */
    private static Event eventFrom(SigmaRule rule, Random random) {
        EventBuilder b = new EventBuilder();
        boolean any = false;
        for (SearchIdentifier search : rule.detection().identifiers().values()) {
            if (search.maps().isEmpty() || random.nextInt(4) == 0) {
                continue;
            }
            DetectionMap map = search.maps().get(random.nextInt(search.maps().size()));
            for (DetectionItem item : map.items()) {
                if (item.isKeyword() || item.values().isEmpty() || item.has(Modifier.RE)) {
                    continue;
                }
                SigmaValue v = item.values().get(random.nextInt(item.values().size()));
                String text = text(v, item, random);
                if (text != null) {
                    b.add(item.field(), v instanceof SigmaValue.Number ? EventValue.number(text)
                            : EventValue.string(text));
                    any = true;
                }
            }
        }
        return any ? b.build() : null;
    }

    private static String text(SigmaValue value, DetectionItem item, Random random) {
        if (value instanceof SigmaValue.Number n) {
            return n.text();
        }
        if (!(value instanceof SigmaString s)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (item.has(Modifier.CONTAINS) || item.has(Modifier.ENDSWITH)) {
            sb.append(random.nextBoolean() ? "C:\\Temp\\X " : "");
        }
        for (SigmaString.Part part : s.parts()) {
            if (part instanceof SigmaString.Literal l) {
                sb.append(random.nextInt(5) == 0 ? l.text().toUpperCase(java.util.Locale.ROOT) : l.text());
            } else if (!(part instanceof SigmaString.Placeholder)) {
                sb.append(random.nextBoolean() ? "x" : "");
            }
        }
        if (item.has(Modifier.CONTAINS) || item.has(Modifier.STARTSWITH)) {
            sb.append(random.nextBoolean() ? " -y" : "");
        }
        return sb.toString();
    }
}
