package io.detectionhub.attack.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.atomic.AtomicIndexData;
import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageCheckerTest;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.parser.SigmaParser;

class EnrichmentComposerTest {

    static EnrichmentComposer composer;
    static AttackCatalog catalog;
    static AtomicIndex atomics;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = EnrichmentComposerTest.class.getResourceAsStream(
                "/io/detectionhub/attack/" + CatalogGenerator.ATTACK_FILE)) {
            catalog = new AttackCatalog(CatalogueCodec.readAttack(in));
        }
        try (InputStream in = EnrichmentComposerTest.class.getResourceAsStream(
                "/io/detectionhub/attack/" + CatalogGenerator.ATOMIC_FILE)) {
            atomics = new AtomicIndex(CatalogueCodec.readGzip(in, AtomicIndexData.class));
        }
        composer = new EnrichmentComposer(catalog, atomics, TargetRegistry.builtIn());
    }

    static final String RULE = """
            title: Download piped to a shell
            id: 11111111-0000-0000-0000-000000000001
            status: test
            description: Detects curl output piped into a shell. Often used to run second-stage payloads.
            level: high
            tags: [attack.t1059.004]
            falsepositives:
              - Installers of developer tools
              - Unknown
            logsource: {product: linux, category: process_creation}
            detection:
              selection:
                Image|endswith: '/curl'
                CommandLine|contains: 'http'
              condition: selection
            """;

    @Test
    void derivesEveryPartFromTagsLogsourceAndText() {
        DerivedEnrichment d = composer.compose(new SigmaParser().parseRule(RULE));
        assertThat(d.tactics()).containsExactly("execution");
        assertThat(d.huntHypothesis())
                .contains("Command and Scripting Interpreter: Unix Shell (T1059.004)")
                .contains("Execution").contains("linux hosts")
                .contains("Detects curl output piped into a shell.")
                .contains("Rule out first: Installers of developer tools");
        assertThat(d.tuningGuidance()).singleElement().asString()
                .startsWith("Known false positive: Installers of developer tools");
        assertThat(d.requiredTables()).contains("imProcessCreate (sentinel-asim)", "DeviceProcessEvents (defender-xdr)");
        assertThat(d.dataSources()).contains("Sigma logsource: product=linux, category=process_creation");
    }

    @Test
    void listsAtomicTestsOfTheRulePlatformWithTelemetryAndWhetherTheRuleFires() {
        DerivedEnrichment d = composer.compose(new SigmaParser().parseRule(RULE));
        assertThat(d.atomicTests()).isNotEmpty().allSatisfy(t -> assertThat(t.techniqueId()).isEqualTo("T1059.004"));
        DerivedEnrichment.DerivedAtomicTest first = d.atomicTests().get(0);
        assertThat(first.ruleFiresOnSimulation()).isTrue();
        assertThat(first.guid()).isEqualTo("d0c88567-803d-4dca-99b4-7ce65e7b257c");
        assertThat(first.expectedTelemetry()).contains("Process creation of /usr/bin/curl with command line curl -sS")
                .contains("This rule fires on these simulated process events.");
        assertThat(d.atomicTests()).anySatisfy(t -> {
            assertThat(t.ruleFiresOnSimulation()).isFalse();
            assertThat(t.expectedTelemetry()).contains("does not fire");
        });
    }

    @Test
    void worksWithoutTechniquesAndWithoutFalsePositives() {
        DerivedEnrichment d = composer.compose(new SigmaParser().parseRule(AtomicCoverageCheckerTest.CHMOD_EXEC));
        assertThat(d.atomicTests()).isEmpty();
        assertThat(d.tactics()).isEmpty();
        assertThat(d.huntHypothesis()).contains("Chmod executable in tmp");
        assertThat(d.tuningGuidance()).singleElement().asString().contains("lists no common false positives");
    }
}
