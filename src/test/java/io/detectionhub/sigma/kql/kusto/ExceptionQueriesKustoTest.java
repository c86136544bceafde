package io.detectionhub.sigma.kql.kusto;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.exceptions.ExceptionDraft;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.SampleEvents;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Queries with a tuning exception (a filter drafted from a generated positive event, as "suppress matches like this"
 * does) pass Microsoft's Kusto analyzer with the built-in targets' tables declared: for each target, the first
 * {@value #PER_TABLE} corpus rules of each table, plain and with header and analyst projection. The exception lines'
 * meaning is {@code CorpusExceptionSemanticsTest}'s; this checks their form (columns, types, the trailing comment).
 */
class ExceptionQueriesKustoTest {

    private static final int PER_TABLE = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void queriesWithAnExceptionPassTheAnalyzer() throws Exception {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        assumeTrue(KustoAnalyzer.available(), "node or @kusto/language-service-next not installed");
        List<CorpusTranslation.CorpusRule> corpus = CorpusTranslation.parse(CorpusTranslation.rulePaths(shared));
        SigmaParser parser = new SigmaParser();
        KqlTranslator translator = new KqlTranslator();
        List<String> errors = new ArrayList<>();
        int analysed = 0;
        try (KustoAnalyzer analyzer = KustoAnalyzer.start()) {
            for (Target target : TargetRegistry.builtIn().all()) {
                analyzer.declare(KqlCorpusKustoTest.declaredTables(target));
                Map<String, Integer> perTable = new HashMap<>();
                List<String> queries = new ArrayList<>();
                for (CorpusTranslation.CorpusRule c : corpus) {
                    if (c.collection().documents().size() != 1
                            || !(c.collection().documents().get(0) instanceof SigmaRule rule)) {
                        continue;
                    }
                    String table;
                    try {
                        table = translator.translate(rule, target, TranslationOptions.PLAIN).explanation().table();
                    } catch (UntranslatableRuleException e) {
                        continue;
                    }
                    if (perTable.getOrDefault(table, 0) >= PER_TABLE) {
                        continue;
                    }
                    SigmaFilter filter = drafted(rule, parser);
                    if (filter == null) {
                        continue;
                    }
                    perTable.merge(table, 1, Integer::sum);
                    for (TranslationOptions options : List.of(TranslationOptions.PLAIN, new TranslationOptions(true, true))) {
                        queries.add(translator.translate(rule, List.of(filter), target, options).query());
                    }
                }
                List<List<KustoAnalyzer.Diagnostic>> diagnostics = analyzer.analyze(queries);
                for (int i = 0; i < queries.size(); i++) {
                    assertThat(queries.get(i)).as("the exception's line ends the where lines")
                            .containsPattern("\\n\\| where not\\(.*\\)  // exception [0-9a-f-]{36}: Exception to ");
                    for (KustoAnalyzer.Diagnostic d : diagnostics.get(i)) {
                        if (d.isError()) {
                            errors.add(target.name() + ": " + d.message() + "\n    " + queries.get(i));
                        }
                    }
                }
                analysed += queries.size();
                System.out.printf("%s: %d queries with an exception (%d tables) analysed%n", target.name(),
                        queries.size(), perTable.size());
            }
        }
        errors.forEach(System.out::println);
        assertThat(analysed).isPositive();
        assertThat(errors).as("analyzer errors").isEmpty();
    }

    /** The filter drafted from the first generated event the rule matches; null when there is none. */
    private static SigmaFilter drafted(SigmaRule rule, SigmaParser parser) {
        List<Map<String, Object>> generated = SampleEvents.fromValues(rule);
        if (generated.isEmpty()) {
            return null;
        }
        List<Event> events = new ArrayList<>();
        byte[] json = JSON.writeValueAsString(generated).getBytes(StandardCharsets.UTF_8);
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(json), EventReaderLimits.DEFAULT)) {
            r.forEachRemaining(events::add);
        }
        EvaluationResult result = EvaluationEngine.compile(List.of(rule), EvaluationOptions.DEFAULT).evaluate(events,
                RunOptions.DEFAULT.withLogsourceHint(rule.logsource()));
        if (result.matches().isEmpty()) {
            return null;
        }
        var match = result.matches().get(0);
        try {
            ExceptionDraft.Draft d = ExceptionDraft.fromEvent(rule, events.get((int) match.eventIndex()),
                    match.matchedFields());
            return parser.parse(d.yaml()).filters().get(0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
