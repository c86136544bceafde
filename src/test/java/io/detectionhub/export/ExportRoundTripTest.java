package io.detectionhub.export;

import io.detectionhub.library.LibraryRule;
import io.detectionhub.library.RuleService;
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
