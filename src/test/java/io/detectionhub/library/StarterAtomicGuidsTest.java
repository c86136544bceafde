package io.detectionhub.library;

import io.detectionhub.library.enrichment.AtomicTestLink;
import io.detectionhub.library.enrichment.Enrichment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Atomic tests named by the starter rules exist in Atomic Red Team under that name, GUID and technique. */
class StarterAtomicGuidsTest {

    @Test
    void starterAtomicTestsAreRealAtomicRedTeamTests() throws IOException {
        Path atomics = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"), "data", "atomic-red-team",
                "atomics");
        Assumptions.assumeTrue(Files.isDirectory(atomics), "Atomic Red Team data not present at " + atomics);
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        for (String name : new String[]{"ssh_shell_invocation", "suspicious_unix_shell_command_line"}) {
            Enrichment enrichment;
            try (InputStream in = StarterLibrary.class.getResourceAsStream("starter/" + name + ".enrichment.json")) {
                enrichment = json.readValue(in, Enrichment.class);
            }
            assertThat(enrichment.atomicTests()).isNotEmpty();
            for (AtomicTestLink test : enrichment.atomicTests()) {
                String atomic = Files.readString(atomics.resolve(test.techniqueId())
                        .resolve(test.techniqueId() + ".yaml"));
                assertThat(atomic).as(name + ": " + test.name())
                        .contains("- name: " + test.name() + "\n  auto_generated_guid: " + test.guid() + "\n");
            }
        }
    }
}
