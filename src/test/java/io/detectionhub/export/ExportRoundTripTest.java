package io.detectionhub.export;

import io.detectionhub.library.LibraryRule;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.exceptions.ExceptionRequest;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export, then import: a sample of the SigmaHQ corpus (every 40th file, about 95 rules of every kind and folder) is
 * stored, exported through {@code GET /api/export}, the library emptied, and every exported file re-created through
 * {@code POST /api/rules} with its enrichment sidecar: the YAML comes back byte for byte and the enrichment equal.
 * And a rule's test cases and exceptions come back through the import of the exported zip.
 */
@EmptyLibraryTest
class ExportRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    RuleService rules;

    @Autowired
    RuleExceptions exceptions;

    @Autowired
    org.springframework.test.web.servlet.client.RestTestClient http;

    @Test
    void exportedRulesComeBackIdentical() throws Exception {
        Path corpus = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"), "corpus", "sigmahq");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "SigmaHQ corpus not present at " + corpus);
        TestApi api = new TestApi(port, credentials.bearer(Role.ADMIN));
        empty();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            List<Path> all = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            files = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 40) {
                files.add(all.get(i));
            }
        }
        Map<String, String> original = new LinkedHashMap<>();
        for (Path file : files) {
            String yaml = Files.readString(file, StandardCharsets.UTF_8);
            HttpResponse<String> created = api.postYaml("/api/rules", yaml);
            if (created.statusCode() == 201) {
                original.put(JSON.readTree(created.body()).get("id").asString(), yaml);
            }
        }
        assertThat(original).hasSizeGreaterThan(80);
        Map<String, JsonNode> enrichments = new LinkedHashMap<>();
        original.keySet().forEach(id -> enrichments.put(id, JSON.readTree(api.get("/api/rules/" + id + "/enrichment")
                .body())));

        Map<String, byte[]> zip = download("/api/export?target=sentinel-asim");
        List<String> yamlFiles = zip.keySet().stream().filter(n -> n.endsWith(".yml")).toList();
        assertThat(yamlFiles).hasSize(original.size()).allMatch(n -> n.startsWith("rules/"));
        JsonNode manifest = JSON.readTree(zip.get("manifest.json"));
        assertThat(manifest.get("count").asInt()).isEqualTo(original.size());
        assertThat(new String(zip.get("selection.csv"), StandardCharsets.UTF_8).lines().count())
                .isEqualTo(original.size() + 1);
        assertThat(JSON.readTree(zip.get("navigator-layer.json")).get("techniques").size()).isPositive();
        assertThat(zip.keySet().stream().filter(n -> n.endsWith(".sentinel-asim.kql")).count()).isPositive();

        // a filter exports only what it selects
        Map<String, byte[]> linux = download("/api/export?product=linux");
        long linuxStored = rules.listAll().stream().filter(r -> "linux".equals(r.product())).count();
        assertThat(linux.keySet().stream().filter(n -> n.endsWith(".yml")).count()).isEqualTo(linuxStored);

        empty();
        for (JsonNode entry : manifest.get("rules")) {
            String file = entry.get("file").asString();
            String yaml = new String(zip.get(file), StandardCharsets.UTF_8);
            ObjectNode request = JSON.createObjectNode();
            request.put("yaml", yaml);
            String sidecar = file.substring(0, file.length() - ".yml".length()) + ".enrichment.json";
            request.set("enrichment", JSON.readTree(zip.get(sidecar)));
            HttpResponse<String> created = api.send("POST", "/api/rules", "application/json",
                    JSON.writeValueAsString(request), Map.of());
            assertThat(created.statusCode()).as(file + ": " + created.body()).isEqualTo(201);
        }
        for (var rule : original.entrySet()) {
            JsonNode stored = JSON.readTree(api.get("/api/rules/" + rule.getKey()).body());
            assertThat(stored.get("yaml").asString()).as(rule.getKey()).isEqualTo(rule.getValue());
            assertThat(JSON.readTree(api.get("/api/rules/" + rule.getKey() + "/enrichment").body()))
                    .as(rule.getKey()).isEqualTo(enrichments.get(rule.getKey()));
        }
        System.out.printf("Export round trip: %d corpus rules, %d zip entries, back byte for byte with their"
                + " enrichment%n", original.size(), zip.size());
    }

    static final String TESTED_ID = "6a0c2f7e-41d5-4b8e-9d3a-5c7e1f2b3a41";
    static final String TESTED = """
            title: Whoami Run For The Round Trip
            id: 6a0c2f7e-41d5-4b8e-9d3a-5c7e1f2b3a41
            status: test
            tags: [attack.discovery, attack.t1033]
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\whoami.exe'
                condition: selection
            level: low
            simulation:
                - type: atomic-red-team
                  name: Made up
                  technique: T1033
                  atomic_guid: 00000000-dead-4bee-8f00-000000000002
            """;

    /**
     * A rule's test cases and tuning exceptions travel with it: exported as {@code .tests.json} and
     * {@code .exceptions.yml} beside the rule, the library emptied, the zip imported through {@code POST /api/imports}:
     * the cases come back with their origins and expectations, the exceptions with their documents and reasons; the
     * import report names the rule's simulation block that is not in the Atomic catalogue; importing the zip again
     * changes nothing.
     */
    @Test
    void testCasesAndExceptionsComeBackWithTheirRule() throws Exception {
        TestApi api = new TestApi(port, credentials.bearer(Role.ADMIN));
        empty();
        api.createRule(TESTED);
        String tests = "/api/rules/" + TESTED_ID + "/tests";
        assertThat(api.send("POST", tests, "application/json", """
                {"name": "whoami fires", "events": [{"Image": "C:\\\\Windows\\\\System32\\\\whoami.exe"}],
                 "expectation": {"kind": "match", "atLeast": 1, "events": [1]}}""", Map.of()).statusCode())
                .isEqualTo(201);
        assertThat(api.send("POST", tests, "application/json", """
                {"name": "notepad is quiet", "events": [{"Image": "C:\\\\notepad.exe"}], "expectation": "no-match",
                 "origin": "sigmahq", "source": "regression_data/x/notepad.json"}""", Map.of()).statusCode())
                .isEqualTo(201);
        RuleException exception = exceptions.create(TESTED_ID, new ExceptionRequest("""
                selection:
                    User: 'CORP\\svc_inventory'
                condition: not selection
                """, "Inventory service account", "Runs whoami every hour by design", null, "CHG-1234"),
                "round trip");
        String casesBefore = JSON.readTree(api.get(tests).body()).valueStream()
                .map(c -> c.get("name").asString() + "|" + c.get("origin").asString() + "|" + c.get("expectation")
                        + "|" + c.get("events").asString()).sorted().toList().toString();

        assertThat(exceptions.activeForAll()).containsKey(TESTED_ID);
        byte[] zipBytes = downloadBytes("/api/export");
        Map<String, byte[]> zip = unzip(zipBytes);
        String base = "rules/windows/process_creation/whoami-run-for-the-round-trip";
        assertThat(zip).containsKeys(base + ".yml", base + ".tests.json", base + ".exceptions.yml");
        assertThat(new String(zip.get(base + ".exceptions.yml"), StandardCharsets.UTF_8))
                .contains(exception.id()).contains("Runs whoami every hour by design").contains("CHG-1234");

        empty();
        api.delete("/api/trash/" + TESTED_ID);
        JsonNode job = importZip(zipBytes);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        String note = job.get("files").valueStream().filter(f -> f.get("path").asString().equals(base + ".yml"))
                .findFirst().orElseThrow().get("message").asString();
        assertThat(note).contains("Test cases from its .tests.json: 2 created")
                .contains("Exceptions from its .exceptions.yml: 1 created")
                .contains("warning: simulation 00000000-dead-4bee-8f00-000000000002");
        assertThat(job.get("files").valueStream().filter(f -> f.get("path").asString().startsWith(base + "."))
                .filter(f -> !f.get("path").asString().endsWith(".yml") || f.get("path").asString()
                        .endsWith(".exceptions.yml"))
                .map(f -> f.get("status").asString()).toList()).containsOnly("skipped");
        assertThat(rules.listAll()).as("no sidecar is stored as a rule").hasSize(1);

        String casesAfter = JSON.readTree(api.get(tests).body()).valueStream()
                .map(c -> c.get("name").asString() + "|" + c.get("origin").asString() + "|" + c.get("expectation")
                        + "|" + c.get("events").asString()).sorted().toList().toString();
        assertThat(casesAfter).isEqualTo(casesBefore);
        List<RuleException> back = exceptions.forRule(TESTED_ID);
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(exception.id());
            assertThat(e.yaml()).isEqualTo(exception.yaml());
            assertThat(e.title()).isEqualTo(exception.title());
            assertThat(e.reason()).isEqualTo(exception.reason());
            assertThat(e.ticket()).isEqualTo("CHG-1234");
        });

        JsonNode again = importZip(zipBytes);
        String noteAgain = again.get("files").valueStream().filter(f -> f.get("path").asString().equals(base + ".yml"))
                .findFirst().orElseThrow().get("message").asString();
        assertThat(noteAgain).contains("Test cases from its .tests.json: 0 created, 0 updated, 2 unchanged")
                .contains("Exceptions from its .exceptions.yml: 0 created, 0 updated, 1 unchanged");
        empty();
        api.delete("/api/trash/" + TESTED_ID);
    }

    private JsonNode importZip(byte[] zipBytes) throws InterruptedException {
        org.springframework.util.MultiValueMap<String, Object> parts =
                new org.springframework.util.LinkedMultiValueMap<>();
        parts.add("file", new org.springframework.core.io.ByteArrayResource(zipBytes) {
            @Override
            public String getFilename() {
                return "export.zip";
            }
        });
        var started = http.post().uri("/api/imports").contentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA)
                .body(parts).exchange().expectBody(String.class).returnResult();
        assertThat(started.getStatus().value()).as(started.getResponseBody()).isEqualTo(202);
        String location = started.getResponseHeaders().getFirst("Location");
        for (int i = 0; i < 600; i++) {
            JsonNode job = JSON.readTree(http.get().uri(location).exchange().expectBody(String.class).returnResult()
                    .getResponseBody());
            if (List.of("succeeded", "failed", "cancelled").contains(job.get("state").asString())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish: " + location);
    }

    private byte[] downloadBytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("Authorization", credentials.bearer(Role.VIEWER)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private void empty() {
        for (LibraryRule rule : rules.listAll()) {
            rules.delete(rule.id());
        }
    }

    private Map<String, byte[]> download(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("Authorization", credentials.bearer(Role.VIEWER)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
