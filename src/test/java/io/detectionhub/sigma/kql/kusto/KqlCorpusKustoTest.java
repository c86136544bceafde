package io.detectionhub.sigma.kql.kusto;

import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import org.junit.jupiter.api.Test;

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
        java.util.Set<String> checked = new java.util.HashSet<>();
        Map<String, Map<String, String>> tablesSeen = new java.util.HashMap<>();
        // two Node processes (one per core), each analysing half of the queries
        try (KustoAnalyzer first = KustoAnalyzer.start(); KustoAnalyzer second = KustoAnalyzer.start()) {
            for (Target target : TargetRegistry.builtIn().all()) {
                Map<String, Map<String, String>> tables = declaredTables(target);
                tables.forEach((name, columns) -> assertThat(tablesSeen.computeIfAbsent(name, k -> columns))
                        .as("table %s has the same columns in every target", name).isEqualTo(columns));
                first.declare(tables);
                second.declare(tables);
                CorpusTranslation.Result plain = CorpusTranslation.translate(rules, target, TranslationOptions.PLAIN);
                // the analyst form adds a header and a projection per table: checked on the first rule of each table
                CorpusTranslation.Result analyst = CorpusTranslation.translate(rules, target, new TranslationOptions(true, true))
                        .firstPerTable();
                List<String> all = new ArrayList<>(plain.queries());
                all.addAll(analyst.queries());
                // a query text already checked for another target reads the same tables (a table name has the same
                // columns in every built-in target): only new texts are analysed
                List<Integer> positions = new ArrayList<>();
                List<String> queries = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    if (checked.add(all.get(i))) {
                        positions.add(i);
                        queries.add(all.get(i));
                    }
                }
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
                            int at = positions.get(i);
                            Path p = at < plain.translated() ? plain.translatedPaths().get(at)
                                    : analyst.translatedPaths().get(at - plain.translated());
                            failures.add(target.name() + " " + shared.relativize(p) + ": " + e.get(0).code() + " "
                                    + e.get(0).message() + "\n    " + abbreviate(queries.get(i).replace("\n", " ")));
                        }
                    }
                }
                System.out.printf("%n%s: %d rules translated, %d refused, %d new query texts analysed, %d with Kusto errors%n"
                                + "Top refusal reasons:%n%s%n",
                        target.name(), plain.translated(), plain.refused(), queries.size(), errors, plain.topRefusals(12));
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

    /**
     * The tables as the target declares them: the documented schemas (BuiltInTargetColumnsTest keeps the generated
     * columns equal to them) plus the few columns a target adds with a source named in its file.
     */
    static Map<String, Map<String, String>> declaredTables(Target target) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        target.tables().forEach((name, table) -> {
            Map<String, String> columns = new LinkedHashMap<>();
            table.columns().forEach((c, type) -> columns.put(c, type.keyword()));
            tables.put(name, columns);
        });
        return tables;
    }
}
