package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.detectionhub.library.RuleService;
import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SigmaHQ corpus rules that carry {@code regression_tests_path}, stored with their regression data (test
 * resources {@code sigmahq/}, laid out as the SigmaHQ repository) imported as test cases through the module's API,
 * then a run of the whole library's tests: every case passes. The corpus rules' {@code simulation:} blocks are
 * checked against the Atomic catalogue on the way. Prints the counts and the run's time.
 */
@EmptyLibraryTest
class SigmaHqRegressionImportTest {

    @Autowired
    RuleService rules;

    @Autowired
    RuleTestService tests;

    @Autowired
    TestRunService runs;

    @Test
    void theRegressionTestsOfSigmaHqImportAndALibraryRunPassesThemAll() throws Exception {
        Optional<Path> shared = CorpusTranslation.sharedDir();
        assumeTrue(shared.isPresent(), "no SigmaHQ corpus in ../shared");
        Path repository = Path.of(SigmaHqRegressionImportTest.class.getResource("/sigmahq").toURI());
        SigmaHqTestImport.FileResolver files = path -> {
            Path file = repository.resolve(path).normalize();
            return file.startsWith(repository) && Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        };
        rules.listAll().forEach(r -> rules.delete(r.id()));
        int ruleCount = 0;
        int cases = 0;
        List<String> notImportable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int atomic = 0;
        List<String> unknownAtomic = new ArrayList<>();
        Instant importStart = Instant.now();
        for (Path rulePath : CorpusTranslation.rulePaths(shared.get())) {
            String text = Files.readString(rulePath);
            boolean regression = text.contains("\nregression_tests_path:");
            if (!regression && !text.contains("atomic_guid:")) {
                continue;
            }
            String id = rules.create(text, null).id();
            RuleTestService.ShippedTests imported = tests.importShipped(id, text, files);
            ruleCount += regression ? 1 : 0;
            cases += imported.cases();
            atomic += imported.atomicTests().size();
            unknownAtomic.addAll(imported.unknownAtomicTests());
            notImportable.addAll(imported.notImportable());
            imported.problems().forEach(p -> problems.add(rulePath.getFileName() + ": " + p));
        }
        Duration importTime = Duration.between(importStart, Instant.now());

        Instant runStart = Instant.now();
        long runId = runs.start(new TestRunService.Scope.Library());
        TestRun run = runs.find(runId, false, false).orElseThrow();
        while (!run.finished() && Duration.between(runStart, Instant.now()).toSeconds() < 600) {
            Thread.sleep(200);
            run = runs.find(runId, false, false).orElseThrow();
        }
        Duration runTime = Duration.between(runStart, Instant.now());
        TestRun done = runs.find(runId, true, false).orElseThrow();
        List<String> failures = done.results().stream().filter(r -> !"passed".equals(r.outcome()))
                .map(r -> r.ruleTitle() + " / " + r.testName() + ": " + r.message()).toList();
        System.out.printf("SigmaHQ regression import: %d rules, %d test cases imported in %d ms, %d not importable "
                + "%s, %d problems %s, %d Atomic links in the catalogue, %d warnings %s; library run %d: %s, %d passed, %d failed, %d errors in %d ms%n", ruleCount,
                cases, importTime.toMillis(), notImportable.size(), notImportable, problems.size(), problems, atomic, unknownAtomic.size(),
                unknownAtomic, runId,
                done.status(), done.passedCases(), done.failedCases(), done.errorCases(), runTime.toMillis());
        assertThat(ruleCount).isGreaterThan(190);
        assertThat(cases).isGreaterThan(170);
        assertThat(done.totalCases()).isEqualTo(cases);
        assertThat(failures).isEmpty();
        assertThat(done.status()).isEqualTo("passed");
        assertThat(atomic).as("simulation blocks found in the Atomic catalogue").isGreaterThan(40);
    }
}
