package io.detectionhub.attack.coverage.atomic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Status;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TestResult;
import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;

public class AtomicCoverageCheckerTest {

    public static final String CURL_PIPE_SHELL = """
            title: Download piped to a shell
            id: 11111111-0000-0000-0000-000000000001
            status: test
            level: high
            tags: [attack.execution, attack.t1059.004]
            logsource: {product: linux, category: process_creation}
            detection:
              selection:
                Image|endswith: '/curl'
                CommandLine|contains: 'http'
              condition: selection
            """;
    public static final String CHMOD_EXEC = """
            title: Chmod executable in tmp
            id: 11111111-0000-0000-0000-000000000002
            status: test
            level: medium
            logsource: {product: linux, category: process_creation}
            detection:
              selection:
                Image|endswith: '/chmod'
                CommandLine|contains|all: ['+x', '/tmp/']
              condition: selection
            """;
    static final String WINDOWS_ONLY = """
            title: Windows whoami
            id: 11111111-0000-0000-0000-000000000003
            status: test
            level: low
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|endswith: '\\\\whoami.exe'
              condition: selection
            """;

    static AtomicIndex atomics;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AtomicCoverageCheckerTest.class.getResourceAsStream(
                "/io/detectionhub/attack/" + CatalogGenerator.ATOMIC_FILE)) {
            atomics = new AtomicIndex(CatalogueCodec.readGzip(in, AtomicIndexData.class));
        }
    }

    static AtomicCoverageChecker checker(String... yaml) {
        SigmaParser parser = new SigmaParser();
        List<SigmaRule> rules = java.util.Arrays.stream(yaml).map(parser::parseRule).toList();
        return new AtomicCoverageChecker(EvaluationEngine.compile(rules, EvaluationOptions.DEFAULT), rules);
    }

    static List<AtomicCoverageChecker.TestRef> refs(String techniqueId) {
        return atomics.tests(techniqueId).stream().map(t -> new AtomicCoverageChecker.TestRef(techniqueId, t)).toList();
    }

    @Test
    void reportsWhichRulesFireForWhichAtomicTest() {
        List<TestResult> results = checker(CURL_PIPE_SHELL, CHMOD_EXEC, WINDOWS_ONLY)
                .check(refs("T1059.004"));
        TestResult script = results.stream().filter(r -> r.guid().equals("7e7ac3ed-f795-4fa5-b711-09d6fbe9b873"))
                .findFirst().orElseThrow();
        assertThat(script.status()).isEqualTo(Status.DETECTED);
        assertThat(script.firingRuleIds()).containsExactly("11111111-0000-0000-0000-000000000002");
        assertThat(script.detectedByTechniqueRule()).isFalse(); // the chmod rule has no technique tag
        assertThat(script.events()).filteredOn(e -> !e.rules().isEmpty())
                .allSatisfy(e -> assertThat(e.image()).isEqualTo("/usr/bin/chmod"));

        TestResult curl = results.stream().filter(r -> r.guid().equals("d0c88567-803d-4dca-99b4-7ce65e7b257c"))
                .findFirst().orElseThrow();
        assertThat(curl.status()).isEqualTo(Status.DETECTED);
        assertThat(curl.firingRuleIds()).containsExactly("11111111-0000-0000-0000-000000000001");
        assertThat(curl.detectedByTechniqueRule()).isTrue();
        assertThat(results).allSatisfy(r -> assertThat(r.firingRuleIds())
                .doesNotContain("11111111-0000-0000-0000-000000000003"));
        assertThat(results).anySatisfy(r -> assertThat(r.status()).isEqualTo(Status.NOT_DETECTED));
    }

    @Test
    void sysmonShapedWindowsEventsAreRoutedToWindowsRules() {
        List<TestResult> results = checker(WINDOWS_ONLY, CHMOD_EXEC).check(refs("T1033"));
        assertThat(results).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.DETECTED);
            assertThat(r.firingRuleIds()).containsExactly("11111111-0000-0000-0000-000000000003");
        });
    }

    @Test
    void manualTestsAreReportedAsNotSimulatedWithTheReason() {
        String techniqueWithManual = atomics.data().techniques().stream()
                .filter(t -> t.tests().stream().anyMatch(x -> x.executor() != null && "manual".equals(x.executor().name())))
                .findFirst().orElseThrow().techniqueId();
        List<TestResult> results = checker(CHMOD_EXEC).check(refs(techniqueWithManual));
        assertThat(results).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.NOT_SIMULATED);
            assertThat(r.reason()).contains("manual");
            assertThat(r.events()).isEmpty();
        });
    }
}
