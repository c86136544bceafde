package io.detectionhub.library;

import io.detectionhub.library.enrichment.AtomicTestLink;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.sigma.model.SigmaRule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** On first start with an empty database the two design detections are loaded, fully enriched and confirmed. */
@SpringBootTest(properties = "detectionhub.starter-library.enabled=true")
@DirtiesContext
class StarterLibraryTest {

    static final String SSH_ID = "dd8cd0f2-0638-446c-b1d7-2a24673704e8";
    static final String UNIX_SHELL_ID = "4a062fc5-0f16-4f8c-9193-1dfa546be7d5";

    @Autowired
    RuleService rules;

    @Autowired
    StarterLibrary starter;

    @Test
    void loadsTheTwoDesignDetectionsFullyEnriched() throws Exception {
        assertThat(rules.count()).isEqualTo(2);

        StoredRule ssh = rules.find(SSH_ID).orElseThrow();
        SigmaRule sshRule = (SigmaRule) ssh.document();
        assertThat(sshRule.metadata().level()).isEqualTo("high");
        assertThat(sshRule.metadata().tags()).contains("attack.t1059");
        assertThat(sshRule.logsource().product()).isEqualTo("linux");
        assertThat(ssh.yaml()).contains("ProxyCommand=;", "permitlocalcommand=yes", "localhost", "/bin/bash",
                "/bin/sh", "/bin/zsh", "/bin/dash", "/bin/fish", "sh 0<&2 1>&2");
        assertFullyEnriched(ssh.enrichment());

        StoredRule shell = rules.find(UNIX_SHELL_ID).orElseThrow();
        assertThat(shell.document().metadata().tags()).contains("attack.t1059.004");
        assertThat(shell.yaml()).contains("/dev/tcp/", "/ncat", "' -e '", "/socat", "curl ", "wget ", "|bash",
                "base64 -d", "u+s", "/useradd", "/crontab", "/iptables", "--flush");
        assertFullyEnriched(shell.enrichment());
        assertThat(shell.enrichment().atomicTests()).extracting(AtomicTestLink::guid).contains(
                "d0c88567-803d-4dca-99b4-7ce65e7b257c", "fca246a8-a585-4f28-a2df-6495973976a1",
                "5bec4cc8-f41e-437b-b417-33ff60acf9af");
        assertThat(shell.enrichment().atomicTests()).allMatch(t -> t.techniqueId().equals("T1059.004"));

        // Searchable by the sub-technique through the parent technique.
        assertThat(rules.search(new RuleQuery(null, null, List.of("T1059"), null, null, null, null, null, null,
                null, true), org.springframework.data.domain.Pageable.ofSize(10)).getTotalElements()).isEqualTo(2);

        // A second start does not load them again.
        long version = rules.libraryVersion();
        starter.run(null);
        assertThat(rules.count()).isEqualTo(2);
        assertThat(rules.libraryVersion()).isEqualTo(version);
    }

    private static void assertFullyEnriched(Enrichment e) {
        assertThat(e.huntHypothesis()).hasSizeGreaterThan(100);
        assertThat(e.tuningGuidance()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(e.attack().tactics()).contains("execution");
        assertThat(e.attack().subTechniques()).contains("T1059.004");
        assertThat(e.atomicTests()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.guid()).isNotBlank();
            assertThat(t.expectedTelemetry()).contains("process_creation");
        });
        assertThat(e.dataSources()).contains("Process: Process Creation");
        assertThat(e.requiredTables()).contains("imProcessCreate", "DeviceProcessEvents");
        assertThat(e.confidence()).isNotNull();
        assertThat(e.sourceUrl()).startsWith("https://");
        assertThat(e.retrievedAt()).isNotNull();
        assertThat(e.generated()).as("written by us, not generated").isEqualTo(Set.of());
    }
}
