package io.detectionhub.sigma.evaluation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.parser.SigmaParser;

/**
 * SigmaHQ's own regression tests: every corpus rule with a {@code regression_tests_path} is run on the JSON samples
 * beside the evtx files its {@code info.yml} names (test resources {@code sigmahq/}, laid out as the SigmaHQ
 * repository), and must match at least {@code match_count} events (SigmaHQ's runner asks for one match of the rule's
 * id). Entries with only an evtx file are counted, not run. Skipped when the shared corpus is absent.
 */
class SigmaHqRegressionDataTest {

    private static final SigmaParser PARSER = new SigmaParser();

    @Test
    void everyRegressionSampleMatchesItsRule() throws IOException, URISyntaxException {
        Optional<Path> shared = CorpusTranslation.sharedDir();
        assumeTrue(shared.isPresent(), "no SigmaHQ corpus in ../shared");
        Path repository = Path.of(SigmaHqRegressionDataTest.class.getResource("/sigmahq").toURI());
        int rules = 0;
        int tests = 0;
        int samples = 0;
        long matches = 0;
        List<String> evtxOnly = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path rulePath : CorpusTranslation.rulePaths(shared.get())) {
            String text = Files.readString(rulePath);
            Map<String, Object> rule = text.contains("regression_tests_path") ? yaml(text) : null;
            if (rule == null || !(rule.get("regression_tests_path") instanceof String infoPath)) {
                continue;
            }
            rules++;
            Path info = repository.resolve(infoPath);
            if (!Files.isRegularFile(info)) {
                failures.add(rulePath.getFileName() + ": no " + infoPath);
                continue;
            }
            EvaluationEngine engine = EvaluationEngine.compile(PARSER.parse(text), EvaluationOptions.DEFAULT);
            for (Map<String, Object> entry : entries(yaml(Files.readString(info)))) {
                tests++;
                String samplePath = String.valueOf(entry.get("path")).replace('\\', '/'); // some info.yml use Windows separators
                Path sample = repository.resolve(samplePath.endsWith(".evtx")
                        ? samplePath.substring(0, samplePath.length() - ".evtx".length()) + ".json" : samplePath);
                if (!Files.isRegularFile(sample)) {
                    evtxOnly.add(samplePath);
                    continue;
                }
                samples++;
                int expected = entry.get("match_count") instanceof Integer n ? n : 1;
                long found = engine.evaluate(events(sample), RunOptions.DEFAULT).matches().stream()
                        .filter(m -> m.ruleId().equals(rule.get("id"))).count();
                matches += found;
                if (found < expected) {
                    failures.add(rulePath.getFileName() + " on " + repository.relativize(sample) + ": " + found
                            + " matches, expected at least " + expected
                            + (engine.problems().isEmpty() ? "" : ", problems " + engine.problems()));
                }
            }
        }
        System.out.printf("SigmaHQ regression data: %d rules, %d tests, %d JSON samples run, %d matches, "
                + "%d evtx-only entries %s, %d failures%n", rules, tests, samples, matches, evtxOnly.size(),
                evtxOnly, failures.size());
        assertTrue(samples > 0, "no JSON samples under test resources sigmahq/regression_data");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Map<String, Object> yaml(String text) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = loaded instanceof Map<?, ?> ? (Map<String, Object>) loaded : null;
        return map;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> info) {
        return info != null && info.get("regression_tests_info") instanceof List<?> list
                ? (List<Map<String, Object>>) list : List.of();
    }

    private static List<Event> events(Path sample) throws IOException {
        List<Event> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(sample);
             JsonEventReader reader = JsonEventReader.open(in, EventReaderLimits.DEFAULT)) {
            reader.forEachRemaining(events::add);
        }
        return events;
    }
}
