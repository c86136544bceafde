package io.detectionhub.deployment;

import io.detectionhub.library.RuleKind;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.kusto.KustoAnalyzer;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proof over the SigmaHQ corpus: every rule that translates for sentinel-asim, azure-monitor and defender-xdr exports
 * as a Sentinel analytics rule without validator errors (its ARM template valid for the alertRules schema, its YAML
 * readable), and as a Defender custom detection where Defender can run it (left-outs counted by reason). The deployed
 * query is the plain translation (checked whole by KqlCorpusKustoTest) plus a projection per table: each distinct
 * projected query shape per table is given to Microsoft's Kusto analyzer with the target's tables declared.
 */
class CorpusDeploymentTest {

    private static final List<String> TARGETS = List.of("sentinel-asim", "azure-monitor", "defender-xdr");

    @Test
    void everyTranslatedCorpusRuleExportsWithoutValidatorErrors() throws Exception {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        long start = System.nanoTime();
        List<CorpusTranslation.CorpusRule> corpus = CorpusTranslation.parse(CorpusTranslation.rulePaths(shared));
        System.out.printf("corpus parsed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        KqlTranslator translator = new KqlTranslator();
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, String>> queryPerTable = new LinkedHashMap<>();
        for (String targetName : TARGETS) {
            Target target = DeployedRules.TARGETS.find(targetName).orElseThrow();
            int translated = 0;
            int refused = 0;
            int withoutEntities = 0;
            Map<String, Integer> defenderLeftOut = new TreeMap<>();
            Map<String, Integer> sentinelLeftOut = new TreeMap<>();
            List<AnalyticsRule> exported = new ArrayList<>();
            for (CorpusTranslation.CorpusRule rule : corpus) {
                List<Translation> translations;
                try {
                    translations = translator.translate(rule.collection(), target, TranslationOptions.PLAIN);
                } catch (UntranslatableRuleException e) {
                    refused++;
                    continue;
                }
                for (Translation translation : translations) {
                    SigmaDocument document = rule.collection().documents().stream()
                            .filter(d -> !(d instanceof SigmaFilter) && translation.ruleId() != null
                                    && translation.ruleId().equals(d.id()))
                            .findFirst().orElse(null);
                    if (document == null) {
                        continue;
                    }
                    translated++;
                    StoredRule stored = new StoredRule(document.id(), RuleKind.of(document), "", document,
                            Enrichment.fromTags(document.metadata().tags()), Instant.EPOCH, Instant.EPOCH, 1, null);
                    AnalyticsRule deployed = AnalyticsRuleBuilder.build(stored, target, translation);
                    if (deployed.entities().isEmpty()) {
                        withoutEntities++;
                    }
                    Finding sentinelError = DeploymentValidator.validate(deployed, DeploymentFormat.ARM).stream()
                            .filter(Finding::isError).findFirst().orElse(null);
                    if (sentinelError != null) {
                        // the one reason a translated rule may be left out: Sentinel's query length limit
                        if (sentinelError.field().equals("query") && sentinelError.message().contains("characters")) {
                            sentinelLeftOut.merge("query longer than 10,000 characters (Sentinel's limit)", 1,
                                    Integer::sum);
                            if (targetName.equals("defender-xdr")) {
                                defenderLeftOut.merge("query longer than 10,000 characters", 1, Integer::sum);
                            }
                            continue;
                        }
                        failures.add(targetName + " " + shared.relativize(rule.path()) + ": " + sentinelError);
                    }
                    if (targetName.equals("defender-xdr")) {
                        DeploymentValidator.validate(deployed, DeploymentFormat.DEFENDER_JSON).stream()
                                .filter(Finding::isError).findFirst()
                                .ifPresent(f -> defenderLeftOut.merge(f.field() + ": " + f.message()
                                        .replaceAll("the table \\S+ has", "the table has"), 1, Integer::sum));
                    }
                    Map<String, Object> yaml = new Yaml().load(DeploymentWriters.sentinelYaml(deployed));
                    assertThat(yaml.get("query")).isEqualTo(deployed.query() + "\n");
                    exported.add(deployed);
                    if (deployed.correlationSpan() == null) {
                        queryPerTable.computeIfAbsent(targetName, k -> new LinkedHashMap<>())
                                .putIfAbsent(deployed.tables().get(0), deployed.query());
                    }
                }
            }
            long schemaStart = System.nanoTime();
            List<String> schemaProblems = AlertRulesSchema.problems(DeploymentWriters.armTemplate(exported));
            System.out.printf("schema check of %d resources: %d ms%n", exported.size(),
                    (System.nanoTime() - schemaStart) / 1_000_000);
            schemaProblems.stream().limit(20).forEach(p -> failures.add(targetName + " schema: " + p));
            System.out.printf("%n%s: %d rules translated, %d exported as analytics rules, %d corpus files refused by "
                            + "the translator, %d without entities (warning), ARM template of all %d rules: %d schema "
                            + "problems; left out: %s%n", targetName, translated, exported.size(), refused,
                    withoutEntities, exported.size(), schemaProblems.size(), sentinelLeftOut);
            assertThat(exported.size() + sentinelLeftOut.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(translated);
            if (!defenderLeftOut.isEmpty()) {
                int left = defenderLeftOut.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf("defender-json: %d exported, %d left out:%n", translated - left, left);
                defenderLeftOut.forEach((reason, n) -> System.out.printf("  %5d  %s%n", n, reason));
                // only the reasons Defender itself imposes: aggregated correlation rows, tables without an entity id
                assertThat(defenderLeftOut.keySet()).allMatch(r -> r.startsWith("queryCondition: a correlation")
                        || r.startsWith("impactedAssets:") || r.startsWith("query longer"));
            }
        }
        failures.stream().limit(40).forEach(System.out::println);
        assertThat(failures).isEmpty();
        analyze(queryPerTable);
    }

    /** One deployed query per table and target, projection included, through Microsoft's analyzer. */
    private static void analyze(Map<String, Map<String, String>> queryPerTable) throws Exception {
        if (!KustoAnalyzer.available()) {
            System.out.println("Kusto analyzer not installed: deployed projections not analysed");
            return;
        }
        List<String> errors = new ArrayList<>();
        int analysed = 0;
        try (KustoAnalyzer analyzer = KustoAnalyzer.start()) {
            for (Map.Entry<String, Map<String, String>> perTarget : queryPerTable.entrySet()) {
                Target target = DeployedRules.TARGETS.find(perTarget.getKey()).orElseThrow();
                Map<String, Map<String, String>> tables = new LinkedHashMap<>();
                target.tables().forEach((name, table) -> {
                    Map<String, String> columns = new LinkedHashMap<>();
                    table.columns().forEach((c, type) -> columns.put(c, type.keyword()));
                    tables.put(name, columns);
                });
                analyzer.declare(tables);
                List<String> queries = new ArrayList<>(perTarget.getValue().values());
                List<List<KustoAnalyzer.Diagnostic>> diagnostics = analyzer.analyze(queries);
                analysed += queries.size();
                for (int i = 0; i < queries.size(); i++) {
                    int q = i;
                    diagnostics.get(i).stream().filter(KustoAnalyzer.Diagnostic::isError).findFirst().ifPresent(d ->
                            errors.add(perTarget.getKey() + ": " + d.code() + " " + d.message() + " in "
                                    + queries.get(q).replace("\n", " ")));
                }
            }
        }
        System.out.printf("Kusto analyzer: %d deployed queries (one per table and target) analysed, %d with errors%n",
                analysed, errors.size());
        errors.forEach(System.out::println);
        assertThat(errors).isEmpty();
    }
}
