package io.detectionhub.sigma.kql.kusto;

import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every corpus rule that translates, for every built-in target, passes Microsoft's Kusto parser and semantic
 * analyzer with the target's documented tables declared: zero errors. Prints per target how many rules translate,
 * how many are refused and the top refusal reasons.
 */
class KqlCorpusKustoTest {

    @Test
    void everyTranslatedCorpusRuleIsValidKql() throws Exception {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        assumeTrue(KustoAnalyzer.available(), "node or @kusto/language-service-next not installed");
        List<Path> paths = CorpusTranslation.rulePaths(shared);
        List<CorpusTranslation.CorpusRule> rules = CorpusTranslation.parse(paths);
        System.out.printf("Corpus: %d files, %d parsed%n", paths.size(), rules.size());
        List<String> failures = new ArrayList<>();
        // two Node processes (one per core), each analysing half of the queries
        try (KustoAnalyzer first = KustoAnalyzer.start(); KustoAnalyzer second = KustoAnalyzer.start()) {
            for (Target target : TargetRegistry.builtIn().all()) {
                Map<String, Map<String, String>> tables = schema(shared, target.name());
                first.declare(tables);
                second.declare(tables);
                CorpusTranslation.Result plain = CorpusTranslation.translate(rules, target, TranslationOptions.PLAIN);
                // the analyst form adds a header and a projection per table: checked on the first rule of each table
                CorpusTranslation.Result analyst = CorpusTranslation.translate(rules, target, new TranslationOptions(true, true))
                        .firstPerTable();
                List<String> queries = new ArrayList<>(plain.queries());
                queries.addAll(analyst.queries());
                int half = queries.size() / 2;
                java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
                CompletableFuture<List<List<KustoAnalyzer.Diagnostic>>> firstHalf = CompletableFuture.supplyAsync(
                        () -> analyze(first, queries.subList(0, half)), worker);
                worker.shutdown();
                List<List<KustoAnalyzer.Diagnostic>> diagnostics = new ArrayList<>(
                        analyze(second, queries.subList(half, queries.size())));
                diagnostics.addAll(0, firstHalf.join());
                int errors = 0;
                for (int i = 0; i < queries.size(); i++) {
                    List<KustoAnalyzer.Diagnostic> e = diagnostics.get(i).stream().filter(KustoAnalyzer.Diagnostic::isError).toList();
                    if (!e.isEmpty()) {
                        errors++;
                        if (failures.size() < 40) {
                            Path p = i < plain.translated() ? plain.translatedPaths().get(i)
                                    : analyst.translatedPaths().get(i - plain.translated());
                            failures.add(target.name() + " " + shared.relativize(p) + ": " + e.get(0).code() + " "
                                    + e.get(0).message() + "\n    " + abbreviate(queries.get(i).replace("\n", " ")));
                        }
                    }
                }
                System.out.printf("%n%s: %d rules translated, %d refused, %d queries with Kusto errors%n"
                                + "Top refusal reasons:%n%s%n",
                        target.name(), plain.translated(), plain.refused(), errors, plain.topRefusals(12));
            }
        }
        failures.forEach(System.out::println);
        assertThat(failures).isEmpty();
    }

    private static List<List<KustoAnalyzer.Diagnostic>> analyze(KustoAnalyzer analyzer, List<String> queries) {
        try {
            return analyzer.analyze(queries);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }

    static Map<String, Map<String, String>> schema(Path shared, String target) throws Exception {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20_000_000);
        Map<String, Map<String, Object>> raw = new Yaml(new SafeConstructor(options))
                .load(Files.readString(shared.resolve("data/kusto-schemas/" + target + ".json")));
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        raw.forEach((table, columns) -> {
            Map<String, String> c = new LinkedHashMap<>();
            columns.forEach((k, v) -> c.put(k, String.valueOf(v)));
            tables.put(table, c);
        });
        return tables;
    }
}
