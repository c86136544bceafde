package io.detectionhub.library.enrichment;

import io.detectionhub.library.RuleService;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-enrichment and coverage over the real rule library (H2, real HTTP). */
@AppTest
class AttackLibraryIntegrationTest {

    static final String RULE = """
            title: Curl piped to shell (attack test)
            id: 22222222-0000-0000-0000-000000000001
            status: test
            description: Detects curl output piped into a shell.
            level: high
            tags: [attack.execution, attack.t1059.004]
            falsepositives:
              - Installers of developer tools
            logsource: {product: linux, category: process_creation}
            detection:
              selection:
                Image|endswith: '/curl'
                CommandLine|contains: 'http'
              condition: selection
            """;

    @LocalServerPort
    int port;

    @Autowired
    RuleService rules;

    @Autowired
    TestCredentials credentials;

    private HttpClient signedInClient;
    final JsonMapper json = JsonMapper.builder().build();

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void aRuleStoredWithoutEnrichmentGetsItDerivedAndCountsInCoverage() throws Exception {
        if (!rules.exists("22222222-0000-0000-0000-000000000001")) {
            rules.create(RULE, null);
        }
        Enrichment e = rules.findEnrichment("22222222-0000-0000-0000-000000000001").orElseThrow();
        assertThat(e.generated()).contains(EnrichmentPart.HUNT_HYPOTHESIS, EnrichmentPart.TUNING_GUIDANCE,
                EnrichmentPart.ATOMIC_TESTS, EnrichmentPart.REQUIRED_TABLES, EnrichmentPart.DATA_SOURCES);
        assertThat(e.huntHypothesis()).contains("T1059.004");
        assertThat(e.requiredTables()).contains("imProcessCreate (sentinel-asim)");
        assertThat(e.atomicTests()).anySatisfy(t -> {
            assertThat(t.guid()).isEqualTo("d0c88567-803d-4dca-99b4-7ce65e7b257c");
            assertThat(t.expectedTelemetry()).contains("/usr/bin/curl");
        });

        JsonNode coverage = get("/api/coverage?product=linux");
        assertThat(coverage.get("rulesConsidered").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(coverage.toString()).contains("\"id\":\"T1059.004\"");
        JsonNode atomics = get("/api/coverage/atomics?technique=T1059.004");
        assertThat(atomics.get("results").toString()).contains("22222222-0000-0000-0000-000000000001");
    }

    /** An HTTP client signed in as the test admin (its API key). */
    private HttpClient http() {
        if (signedInClient == null) {
            signedInClient = credentials.http(Role.ADMIN);
        }
        return signedInClient;
    }
}
