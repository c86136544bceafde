package io.detectionhub.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.attack.catalog.generate.CatalogGeneratorTest;
import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageCheckerTest;
import io.detectionhub.attack.data.AttackDataService;
import io.detectionhub.coverage.CoverageRuleSource;
import io.detectionhub.security.Role;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The ATT&CK, Atomic, admin and coverage APIs through the real HTTP stack (H2). */
@Import(TestCredentials.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:attack-api;DB_CLOSE_DELAY=-1",
                "detectionhub.attack.refresh-interval=PT0S"})
class AttackApiHttpTest {

    @TestConfiguration
    static class Rules {
        @Bean
        @Primary
        CoverageRuleSource testRules() {
            return new CoverageRuleSource() {
                @Override
                public String version() {
                    return "fixed";
                }

                @Override
                public List<CoverageRule> rules() {
                    return List.of(
                            new CoverageRule("r1", "Shell via ssh", List.of("T1059"), "high", "stable", "linux"),
                            new CoverageRule("r2", "Reverse shell", List.of("T1059.004"), "high", "test", "linux"),
                            new CoverageRule("r3", "Tools disabled", List.of("T1685"), "medium", "test", "windows"));
                }

                @Override
                public List<SigmaDocument> documents() {
                    SigmaParser parser = new SigmaParser();
                    return List.of(parser.parseRule(AtomicCoverageCheckerTest.CHMOD_EXEC),
                            parser.parseRule(AtomicCoverageCheckerTest.CURL_PIPE_SHELL));
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AttackDataService data;

    @Autowired
    TestCredentials credentials;

    private HttpClient signedInClient;
    final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void resetStore() {
        jdbc.update("DELETE FROM attack_catalogue");
        data.refresh(true);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String contentType, byte[] body) throws Exception {
        return http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTacticsInV19Order() throws Exception {
        HttpResponse<String> r = get("/api/attack/tactics");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tactics = json.readTree(r.body());
        assertThat(tactics.size()).isEqualTo(15);
        assertThat(tactics.get(6).get("shortName").asString()).isEqualTo("stealth");
        assertThat(tactics.get(7).get("id").asString()).isEqualTo("TA0112");
    }

    @Test
    void describesATechniqueWithParentSubTechniquesAndAtomicTests() throws Exception {
        JsonNode t = json.readTree(get("/api/attack/techniques/T1059.004").body());
        assertThat(t.get("name").asString()).isEqualTo("Unix Shell");
        assertThat(t.get("fullName").asString()).isEqualTo("Command and Scripting Interpreter: Unix Shell");
        assertThat(t.get("tactics").get(0).get("shortName").asString()).isEqualTo("execution");
        assertThat(t.get("parent").get("id").asString()).isEqualTo("T1059");
        assertThat(t.get("url").asString()).startsWith("https://attack.mitre.org/techniques/T1059/004");
        assertThat(t.get("atomicTests").size()).isGreaterThan(5);
        assertThat(t.get("atomicTests").get(0).get("executor").get("command").asString()).contains("#{script_path}");

        JsonNode parent = json.readTree(get("/api/attack/techniques/t1059").body());
        assertThat(parent.get("subTechniques").toString()).contains("T1059.004");
    }

    @Test
    void answersUnknownAndV19OnlyIdsInsteadOfRejecting() throws Exception {
        HttpResponse<String> unknown = get("/api/attack/techniques/T1686.003");
        assertThat(unknown.statusCode()).isEqualTo(200);
        JsonNode u = json.readTree(unknown.body());
        assertThat(u.get("inCatalogue").asBoolean()).isFalse();
        assertThat(u.get("parent").get("name").asString()).isEqualTo("Disable or Modify System Firewall");

        JsonNode v19 = json.readTree(get("/api/attack/techniques/T1685.005").body());
        assertThat(v19.get("name").asString()).isEqualTo("Clear Windows Event Logs");
        assertThat(v19.get("source").asString()).isEqualTo("V19_OVERLAY");
        assertThat(v19.get("atomicTests").size()).isGreaterThan(0);
    }

    @Test
    void servesAtomicTestsAndSearch() throws Exception {
        JsonNode tests = json.readTree(get("/api/atomics/T1059.004").body());
        assertThat(tests.get(0).get("guid").asString()).isEqualTo("7e7ac3ed-f795-4fa5-b711-09d6fbe9b873");
        assertThat(json.readTree(get("/api/atomics/T9999").body()).size()).isZero();
        JsonNode found = json.readTree(get("/api/attack/techniques?q=unix%20shell").body());
        assertThat(found.get(0).get("id").asString()).isEqualTo("T1059.004");
        JsonNode about = json.readTree(get("/api/attack/about").body());
        assertThat(about.toString()).contains("The MITRE Corporation").contains("Red Canary");
    }

    @Test
    void adminLoadsAStixBundleThatReplacesTheShippedCatalogue() throws Exception {
        byte[] bundle = Files.readAllBytes(CatalogGeneratorTest.fixture().resolve("attack/enterprise-attack-subset.json"));
        HttpResponse<String> r = put("/api/admin/attack?source=fixture", "application/json", bundle);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json.readTree(r.body());
        assertThat(result.get("techniques").asInt()).isEqualTo(7 + 11); // 7 live + the v19-only ids of the shipped overlay
        assertThat(result.get("version").asString()).isEqualTo("18.1 with v19 tactics");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attack_catalogue WHERE kind = 'attack'", Integer.class))
                .isEqualTo(1);
        JsonNode tactics = json.readTree(get("/api/attack/tactics").body());
        assertThat(tactics.size()).isEqualTo(4);
        assertThat(json.readTree(get("/api/attack/techniques/T1548").body()).get("inCatalogue").asBoolean()).isFalse();

        assertThat(http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/attack"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(json.readTree(get("/api/attack/tactics").body()).size()).isEqualTo(15);
    }

    @Test
    void rejectsBundlesThatAreNotStixWithProblemDetails() throws Exception {
        HttpResponse<String> notJson = put("/api/admin/attack", "application/json", "{\"objects\": [ {".getBytes());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        HttpResponse<String> noTechniques = put("/api/admin/attack", "application/json",
                "{\"type\":\"bundle\",\"objects\":[{\"type\":\"identity\",\"id\":\"identity--1\"}]}".getBytes());
        assertThat(noTechniques.statusCode()).isEqualTo(400);
        assertThat(noTechniques.body()).contains("no ATT&CK techniques");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attack_catalogue", Integer.class)).isZero();
    }

    @Test
    void adminLoadsAnAtomicsZip() throws Exception {
        Path atomics = CatalogGeneratorTest.fixture().resolve("atomic-red-team/atomics");
        byte[] zip = zip(List.of(
                new Entry("atomics/T1059.004/T1059.004.yaml", Files.readAllBytes(atomics.resolve("T1059.004/T1059.004.yaml"))),
                new Entry("atomics/T1685/T1685.yaml", Files.readAllBytes(atomics.resolve("T1685/T1685.yaml"))),
                new Entry("atomics/Indexes/Indexes-CSV/index.csv", Files.readAllBytes(atomics.resolve("Indexes/Indexes-CSV/index.csv"))),
                new Entry("atomics/T1685/src/payload.bin", new byte[] {1, 2, 3})));
        HttpResponse<String> r = put("/api/admin/atomics", "application/zip", zip);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("tests").asInt()).isEqualTo(4);
        assertThat(json.readTree(get("/api/atomics/T1003").body()).size()).isZero();
        assertThat(json.readTree(get("/api/atomics/T1685").body()).get(0).get("name").asString())
                .isEqualTo("Stop Windows Defender");
    }

    @Test
    void rejectsHostileZips() throws Exception {
        byte[] slip = zip(List.of(new Entry("../../etc/T1059/T1059.yaml", "attack_technique: T1059".getBytes())));
        HttpResponse<String> r = put("/api/admin/atomics", "application/zip", slip);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unsafe path");

        byte[] bomb = zip(List.of(new Entry("atomics/T1059/T1059.yaml", new byte[20 * 1024 * 1024])));
        assertThat(bomb.length).isLessThan(100_000);
        HttpResponse<String> b = put("/api/admin/atomics", "application/zip", bomb);
        assertThat(b.statusCode()).isEqualTo(413);

        HttpResponse<String> garbage = put("/api/admin/atomics", "application/zip", "not a zip".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attack_catalogue", Integer.class)).isZero();
    }

    @Test
    void servesCoverageHeatmapNavigatorLayerAndCsv() throws Exception {
        JsonNode report = json.readTree(get("/api/coverage?level=high").body());
        assertThat(report.get("rulesConsidered").asInt()).isEqualTo(2);
        JsonNode execution = report.get("tactics").get(3);
        assertThat(execution.get("tactic").get("shortName").asString()).isEqualTo("execution");
        assertThat(execution.toString()).contains("\"id\":\"T1059\"");
        assertThat(report.has("rulesByTechnique")).isFalse();

        HttpResponse<String> layer = get("/api/coverage/navigator-layer");
        assertThat(layer.statusCode()).isEqualTo(200);
        JsonNode l = json.readTree(layer.body());
        assertThat(l.get("versions").get("layer").asString()).isEqualTo("4.5");
        assertThat(l.get("domain").asString()).isEqualTo("enterprise-attack");
        assertThat(l.get("techniques").toString()).contains("T1685");

        HttpResponse<String> csv = get("/api/coverage.csv?product=linux");
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).get().asString().contains("detection-hub-coverage.csv");
        assertThat(csv.body()).startsWith("tactic_id,tactic,technique_id").contains("TA0002,execution,T1059.004,Unix Shell,T1059,true,1,1,r2");
    }

    record Entry(String name, byte[] content) {
    }

    static byte[] zip(List<Entry> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.content());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void runsTheAtomicDrivenCheckForATechniqueAndTheWholeMatrix() throws Exception {
        JsonNode t = json.readTree(get("/api/coverage/atomics?technique=T1059.004").body());
        assertThat(t.get("techniqueName").asString()).isEqualTo("Command and Scripting Interpreter: Unix Shell");
        assertThat(t.get("detected").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(t.get("results").toString()).contains("11111111-0000-0000-0000-000000000002")
                .contains("NOT_DETECTED");
        JsonNode summary = json.readTree(get("/api/coverage/atomics").body());
        assertThat(summary.get("techniques").asInt()).isEqualTo(341);
        assertThat(summary.get("tests").asInt()).isEqualTo(1819);
        assertThat(summary.get("rulesEvaluated").asInt()).isEqualTo(2);
        assertThat(summary.get("detected").asInt()).isGreaterThanOrEqualTo(2).isLessThan(summary.get("simulated").asInt());
    }

    /** An HTTP client signed in as the test admin (its API key). */
    private HttpClient http() {
        if (signedInClient == null) {
            signedInClient = credentials.http(Role.ADMIN);
        }
        return signedInClient;
    }
}
