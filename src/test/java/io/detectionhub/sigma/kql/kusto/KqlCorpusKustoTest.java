package io.detectionhub.sigma.kql.kusto;

import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every corpus rule that translates, for every built-in target, passes Microsoft's Kusto parser and semantic
 * analyzer with the target's documented tables declared: zero errors. Prints per target how many rules translate,
 * how many are refused and the top refusal reasons.
 * <p>
 * The queries are checked through their parts ({@link QueryParts}: frames, atoms where they stand, skeletons,
 * literals), each distinct part once and many parts to one analysis, instead of ~8,000 whole texts; a group with an
 * error is checked part by part to name the query. {@code -Dkql.analyze=whole} analyses every distinct whole text
 * instead (slower; the same verdict).
 */
class KqlCorpusKustoTest {

    private static final int ATOMS_PER_CHECK = 150;
    private static final int PRINTS_PER_CHECK = 200;

    /** A text analysed alone when its group has an error, and the query it comes from. */
    private record Part(String text, String origin) {
    }

    /** One text for the analyzer standing for several parts. */
    private record Check(String text, List<Part> parts) {
    }

    @Test
    void everyTranslatedCorpusRuleIsValidKql() throws Exception {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        assumeTrue(KustoAnalyzer.available(), "node or @kusto/language-service-next not installed");
        boolean whole = "whole".equals(System.getProperty("kql.analyze"));
        List<Path> paths = CorpusTranslation.rulePaths(shared);
        List<CorpusTranslation.CorpusRule> rules = CorpusTranslation.parse(paths);
        System.out.printf("Corpus: %d files, %d parsed%n", paths.size(), rules.size());
        List<String> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Part> skeletons = new LinkedHashMap<>();
        Map<String, Part> literals = new LinkedHashMap<>();
        Map<String, Map<String, String>> tablesSeen = new HashMap<>();
        // two Node processes (one per core), each analysing half of the checks
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
                // a part already checked for another target reads the same tables (a table name has the same columns
                // in every built-in target): only new parts are analysed
                List<Part> alone = new ArrayList<>();
                Map<String, List<Part>> atomsByPrefix = new LinkedHashMap<>();
                for (CorpusTranslation.Result result : List.of(plain, analyst)) {
                    for (int i = 0; i < result.translated(); i++) {
                        String query = result.queries().get(i);
                        String origin = target.name() + " " + shared.relativize(result.translatedPaths().get(i)) + "\n    "
                                + abbreviate(query.replace("\n", " "));
                        QueryParts parts = whole ? null : QueryParts.of(query);
                        if (parts == null) {
                            if (seen.add(query)) {
                                alone.add(new Part(query, origin));
                            }
                            continue;
                        }
                        if (seen.add(parts.frame())) {
                            alone.add(new Part(parts.frame(), origin));
                        }
                        for (QueryParts.Condition c : parts.conditions()) {
                            for (String atom : c.atoms()) {
                                String text = c.prefix() + "\n| where " + atom;
                                if (seen.add(text)) {
                                    atomsByPrefix.computeIfAbsent(c.prefix(), k -> new ArrayList<>()).add(new Part(text, origin));
                                }
                            }
                            skeletons.putIfAbsent(c.skeleton(), new Part("print " + c.skeleton(), origin));
                        }
                        parts.literals().forEach(l -> literals.putIfAbsent(l, new Part("print " + l, origin)));
                    }
                }
                List<Check> checks = new ArrayList<>();
                alone.forEach(p -> checks.add(new Check(p.text(), List.of(p))));
                atomsByPrefix.forEach((prefix, atoms) -> {
                    for (int i = 0; i < atoms.size(); i += ATOMS_PER_CHECK) {
                        List<Part> chunk = atoms.subList(i, Math.min(atoms.size(), i + ATOMS_PER_CHECK));
                        checks.add(new Check(prefix + "\n| where " + chunk.stream()
                                .map(p -> p.text().substring(prefix.length() + "\n| where ".length()))
                                .collect(Collectors.joining(" or ")), chunk));
                    }
                });
                List<String> errors = errors(first, second, checks);
                failures.addAll(errors);
                System.out.printf("%n%s: %d rules translated, %d refused, %d new parts analysed in %d checks, "
                                + "%d with Kusto errors%nTop refusal reasons:%n%s%n",
                        target.name(), plain.translated(), plain.refused(),
                        alone.size() + atomsByPrefix.values().stream().mapToInt(List::size).sum(), checks.size(),
                        errors.size(), plain.topRefusals(12));
            }
            // skeletons and literals do not depend on the tables
            List<Check> prints = new ArrayList<>();
            for (Map<String, Part> parts : List.of(skeletons, literals)) {
                List<Part> list = new ArrayList<>(parts.values());
                for (int i = 0; i < list.size(); i += PRINTS_PER_CHECK) {
                    List<Part> chunk = list.subList(i, Math.min(list.size(), i + PRINTS_PER_CHECK));
                    prints.add(new Check("print " + chunk.stream().map(p -> p.text().substring("print ".length()))
                            .collect(Collectors.joining(", ")), chunk));
                }
            }
            failures.addAll(errors(first, second, prints));
            System.out.printf("%nSkeletons checked: %d, string literals checked on their own: %d%n", skeletons.size(),
                    literals.size());
        }
        failures.stream().limit(40).forEach(System.out::println);
        assertThat(failures).isEmpty();
    }

    /** The parts with Kusto errors (the checks split over the two analyzers, a failing check part by part). */
    private static List<String> errors(KustoAnalyzer first, KustoAnalyzer second, List<Check> checks) {
        int half = checks.size() / 2;
        ExecutorService worker = Executors.newSingleThreadExecutor();
        CompletableFuture<List<List<KustoAnalyzer.Diagnostic>>> firstHalf = CompletableFuture.supplyAsync(
                () -> analyze(first, checks.subList(0, half).stream().map(Check::text).toList()), worker);
        worker.shutdown();
        List<List<KustoAnalyzer.Diagnostic>> diagnostics = new ArrayList<>(
                analyze(second, checks.subList(half, checks.size()).stream().map(Check::text).toList()));
        diagnostics.addAll(0, firstHalf.join());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (diagnostics.get(i).stream().noneMatch(KustoAnalyzer.Diagnostic::isError)) {
                continue;
            }
            List<Part> parts = checks.get(i).parts();
            List<List<KustoAnalyzer.Diagnostic>> each = parts.size() == 1 ? List.of(diagnostics.get(i))
                    : analyze(first, parts.stream().map(Part::text).toList());
            for (int p = 0; p < parts.size(); p++) {
                Part part = parts.get(p);
                each.get(p).stream().filter(KustoAnalyzer.Diagnostic::isError).findFirst().ifPresent(d -> errors.add(
                        d.code() + " " + d.message() + " in " + abbreviate(part.text().replace("\n", " ")) + "\n  from "
                                + part.origin()));
            }
        }
        return errors;
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
