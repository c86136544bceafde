package io.detectionhub.attack.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.atomic.AtomicTechnique;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageChecker;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaTag;
import io.detectionhub.sigma.parser.SigmaParser;

/**
 * Coverage and the Atomic-driven check over the whole SigmaHQ corpus (skipped without ../shared): every technique
 * id in the corpus tags is placed (v19 ids included), and the figures are printed.
 */
class SigmaHqCorpusCoverageTest {

    @Test
    void coversTheWholeCorpusWithEveryTaggedIdShown() throws Exception {
        Path corpus = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"), "corpus", "sigmahq");
        assumeTrue(Files.isDirectory(corpus), "shared corpus not available");
        AttackCatalog catalog;
        AtomicIndex atomics;
        try (InputStream in = getClass().getResourceAsStream("/io/detectionhub/attack/" + CatalogGenerator.ATTACK_FILE)) {
            catalog = new AttackCatalog(CatalogueCodec.readAttack(in));
        }
        try (InputStream in = getClass().getResourceAsStream("/io/detectionhub/attack/" + CatalogGenerator.ATOMIC_FILE)) {
            atomics = new AtomicIndex(CatalogueCodec.readGzip(in, AtomicIndexData.class));
        }
        SigmaParser parser = new SigmaParser();
        List<SigmaDocument> documents = new ArrayList<>();
        List<CoverageRule> rules = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                try {
                    for (SigmaDocument d : parser.parse(Files.readString(file, StandardCharsets.UTF_8)).documents()) {
                        documents.add(d);
                        List<String> ids = d.metadata().parsedTags().stream().map(SigmaTag::attackTechniqueId)
                                .flatMap(java.util.Optional::stream).toList();
                        String product = d instanceof SigmaRule r ? r.logsource().product() : null;
                        rules.add(new CoverageRule(d.metadata().id(), d.metadata().title(), ids, d.metadata().level(),
                                d.metadata().status(), product));
                    }
                } catch (RuntimeException e) {
                    // the parser's own corpus test reports unparseable files
                }
            }
        }
        CoverageReport report = new CoverageCalculator().compute(rules, catalog, CoverageFilter.ANY);
        long tagged = rules.stream().flatMap(r -> r.techniqueIds().stream()).distinct().count();
        long shown = report.tactics().stream().flatMap(c -> c.techniques().stream())
                .flatMap(t -> Stream.concat(Stream.of(t), t.subTechniques().stream()))
                .filter(t -> t.ruleCount() > 0).map(TechniqueCoverage::id).distinct().count()
                + report.unplaced().size();
        System.out.printf("coverage: %d rules, %d with techniques, %d distinct technique ids tagged, %d of %d catalogue "
                        + "techniques covered, unplaced %s%n", report.rulesConsidered(), report.rulesWithTechniques(),
                tagged, report.techniquesCovered(), report.techniquesTotal(),
                report.unplaced().stream().map(TechniqueCoverage::id).toList());
        assertThat(shown).isEqualTo(tagged);
        assertThat(report.rulesWithTechniques()).isGreaterThan(3000);

        EvaluationEngine engine = EvaluationEngine.compile(documents, EvaluationOptions.DEFAULT);
        List<AtomicCoverageChecker.TestRef> refs = new ArrayList<>();
        for (AtomicTechnique t : atomics.data().techniques()) {
            for (AtomicTest test : t.tests()) {
                refs.add(new AtomicCoverageChecker.TestRef(t.techniqueId(), test));
            }
        }
        List<AtomicCoverageResults.TestResult> results = new AtomicCoverageChecker(engine, documents).check(refs);
        Map<AtomicCoverageResults.Status, Long> byStatus = results.stream().collect(
                java.util.stream.Collectors.groupingBy(AtomicCoverageResults.TestResult::status,
                        java.util.stream.Collectors.counting()));
        long byTechniqueRule = results.stream().filter(AtomicCoverageResults.TestResult::detectedByTechniqueRule).count();
        System.out.printf("atomic check: %d rules compiled, %d tests: %s, caught by a rule tagged for the technique: %d%n",
                engine.rulesEvaluated(), results.size(), byStatus, byTechniqueRule);
        Map<String, Long> testsPerRule = results.stream().flatMap(r -> r.events().stream()
                        .flatMap(e -> e.rules().stream()).map(f -> f.title()).distinct())
                .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting()));
        System.out.println("rules firing on the most tests: " + testsPerRule.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12).toList());
        assertThat(byStatus.get(AtomicCoverageResults.Status.DETECTED)).isGreaterThan(100);
        assertThat(byStatus.get(AtomicCoverageResults.Status.NOT_DETECTED)).isPositive();
    }
}
