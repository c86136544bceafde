package io.detectionhub.library;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API of the rule library, through the real HTTP stack. Run against H2 ({@link RuleApiH2Test}) and a real
 * PostgreSQL ({@link RuleApiPostgresTest}).
 */
abstract class RuleApiContract {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final String WHOAMI_ID = "3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    TestCredentials credentials;

    @LocalServerPort
    int port;

    @BeforeEach
    void emptyLibrary() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
    }

    // ------------------------------------------------------------------ create and read

    @Test
    void createsFromYamlAndReturnsItByteForByte() {
        String yaml = TestRules.read("whoami_rule.yml");
        EntityExchangeResult<String> created = postYaml(yaml, YAML);
        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/rules/" + WHOAMI_ID);
        JsonNode body = json(created);
        assertThat(body.get("id").asString()).isEqualTo(WHOAMI_ID);
        assertThat(body.get("yaml").asString()).isEqualTo(yaml);

        JsonNode rule = json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK));
        assertThat(rule.get("yaml").asString()).isEqualTo(yaml);
        assertThat(rule.get("kind").asString()).isEqualTo("rule");
        assertThat(rule.at("/metadata/title").asString()).isEqualTo("Whoami Execution By Web Server");
        assertThat(rule.at("/metadata/author").asString()).isEqualTo("Detection Hub Tests");
        assertThat(rule.at("/metadata/date").asString()).isEqualTo("2026/11/20");
        assertThat(rule.at("/metadata/tags").size()).isEqualTo(4);
        assertThat(rule.at("/metadata/falsepositives/0").asString()).startsWith("Health-check");
        assertThat(rule.at("/logsource/category").asString()).isEqualTo("process_creation");
        assertThat(rule.at("/logsource/product").asString()).isEqualTo("linux");
        assertThat(rule.at("/enrichment/attack/tactics").toString()).isEqualTo("[\"discovery\",\"execution\"]");
        assertThat(rule.at("/enrichment/attack/techniques").toString()).isEqualTo("[\"T1033\"]");
        assertThat(rule.at("/enrichment/attack/subTechniques").toString()).isEqualTo("[\"T1059.004\"]");
        // Derived, hence marked generated (an EnrichmentDeriver bean may add more generated parts).
        List<String> generated = new ArrayList<>();
        rule.at("/enrichment/generated").forEach(g -> generated.add(g.asString()));
        assertThat(generated).contains("attack");
    }

    @Test
    void keepsCrlfLineEndingsUnicodeAndMarkupExactly() {
        String yaml = TestRules.read("unicode_crlf_rule.yml");
        assertThat(yaml).contains("\r\n").contains("🔥");
        String id = json(postYaml(yaml, YAML)).get("id").asString();
        assertThat(json(get("/api/rules/" + id, HttpStatus.OK)).get("yaml").asString()).isEqualTo(yaml);
        EntityExchangeResult<byte[]> download = http.get().uri("/api/rules/" + id + ".yml").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(download.getResponseBody()).isEqualTo(yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(download.getResponseHeaders().getContentDisposition().getFilename())
                .isEqualTo("cafe-regle-script-alert-1-script.yml");
    }

    @Test
    void acceptsTextPlain() {
        EntityExchangeResult<String> created = postYaml(TestRules.read("whoami_rule.yml"), MediaType.TEXT_PLAIN);
        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void givesARuleWithoutIdAGeneratedUuidWrittenIntoItsYaml() {
        String yaml = TestRules.read("no_id_rule.yml");
        JsonNode body = json(postYaml(yaml, YAML));
        String id = body.get("id").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String stored = json(get("/api/rules/" + id, HttpStatus.OK)).get("yaml").asString();
        assertThat(stored).contains("id: " + id + "\n");
        assertThat(stored.replace("id: " + id + "\n", "")).isEqualTo(yaml);
    }

    @Test
    void createsFromJsonWithEnrichment() {
        String request = JSON.writeValueAsString(java.util.Map.of(
                "yaml", TestRules.read("whoami_rule.yml"),
                "enrichment", java.util.Map.of(
                        "huntHypothesis", "A web shell runs discovery commands.",
                        "tuningGuidance", List.of("Exclude the monitoring user's health checks."),
                        "atomicTests", List.of(java.util.Map.of("name", "System Owner/User Discovery",
                                "guid", "2a9b677d-a230-44f4-ad86-782df1ef108c", "techniqueId", "T1033",
                                "expectedTelemetry", "process_creation of whoami")),
                        "confidence", "high",
                        "sourceUrl", "https://example.org/whoami",
                        "retrievedAt", "2026-11-24T10:00:00Z")));
        EntityExchangeResult<String> created = http.post().uri("/api/rules").contentType(MediaType.APPLICATION_JSON)
                .body(request).exchange().expectBody(String.class).returnResult();
        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
        JsonNode enrichment = json(get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.OK));
        assertThat(enrichment.get("huntHypothesis").asString()).isEqualTo("A web shell runs discovery commands.");
        assertThat(enrichment.get("confidence").asString()).isEqualTo("high");
        assertThat(enrichment.get("retrievedAt").asString()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(enrichment.at("/atomicTests/0/guid").asString()).isEqualTo("2a9b677d-a230-44f4-ad86-782df1ef108c");
        // The mapping was not given: derived from the tags and marked generated; what was given is a person's.
        assertThat(enrichment.at("/attack/techniques/0").asString()).isEqualTo("T1033");
        List<String> generated = new ArrayList<>();
        enrichment.get("generated").forEach(g -> generated.add(g.asString()));
        assertThat(generated).contains("attack").doesNotContain("huntHypothesis", "tuningGuidance", "atomicTests",
                "confidence");
        assertThat(enrichment.get("tuningGuidance").toString())
                .isEqualTo("[\"Exclude the monitoring user's health checks.\"]");
        assertThat(enrichment.get("atomicTests").size()).isEqualTo(1);
        assertThat(search("hasAtomicTests=true").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void storesAMultiDocumentCorrelationWholeUnderTheCorrelationsId() {
        String yaml = TestRules.read("correlation_multi.yml");
        JsonNode body = json(postYaml(yaml, YAML));
        assertThat(body.get("id").asString()).isEqualTo("6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e");
        assertThat(body.get("kind").asString()).isEqualTo("correlation");
        assertThat(body.get("yaml").asString()).isEqualTo(yaml);
        assertThat(body.at("/correlation/type").asString()).isEqualTo("event_count");
        assertThat(body.at("/correlation/rules/0").asString()).isEqualTo("failed_logon_test");
        // Searchable by the referenced rule's field value and filterable by its logsource.
        assertThat(search("q=svc_&kind=correlation&service=security").get("total").asLong()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ create errors

    @Test
    void refusesADuplicateIdWith409() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        EntityExchangeResult<String> again = postYaml(TestRules.read("whoami_rule.yml"), YAML);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode problem = problem(again);
        assertThat(problem.get("ruleId").asString()).isEqualTo(WHOAMI_ID);
        assertThat(problem.get("type").asString()).endsWith("/duplicate-rule");
    }

    @Test
    void refusesAnInvalidRuleWithEveryProblemAndItsLine() {
        long before = rules.libraryVersion();
        EntityExchangeResult<String> result = postYaml(TestRules.read("invalid_rule.yml"), YAML);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = problem(result);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid Sigma rule");
        JsonNode errors = problem.get("errors");
        assertThat(errors.size()).isGreaterThanOrEqualTo(2);
        List<Integer> lines = new ArrayList<>();
        errors.forEach(e -> {
            assertThat(e.get("message").asString()).isNotBlank();
            assertThat(e.has("column")).isTrue();
            assertThat(e.has("path")).isTrue();
            lines.add(e.get("line").asInt());
        });
        assertThat(lines).contains(8); // the misspelt modifier 'endswiht'
        assertThat(lines).allMatch(l -> l > 0);
        assertThat(rules.count()).isZero();
        assertThat(rules.libraryVersion()).isEqualTo(before);
    }

    @Test
    void refusesNonYamlEmptyAndBadlyEncodedBodies() {
        assertThat(postYaml("title: [unclosed", YAML).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(postYaml("", YAML).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        EntityExchangeResult<String> latin = http.post().uri("/api/rules").contentType(YAML)
                .body(new byte[]{'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xE9, '\n'}).exchange()
                .expectBody(String.class).returnResult();
        assertThat(latin.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem(latin).get("detail").asString()).contains("UTF-8");
    }

    @Test
    void refusesBadJsonBodies() {
        EntityExchangeResult<String> broken = http.post().uri("/api/rules").contentType(MediaType.APPLICATION_JSON)
                .body("{\"yaml\": ").exchange().expectBody(String.class).returnResult();
        assertThat(broken.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        problem(broken);
        EntityExchangeResult<String> noYaml = http.post().uri("/api/rules").contentType(MediaType.APPLICATION_JSON)
                .body("{\"enrichment\": {}}").exchange().expectBody(String.class).returnResult();
        assertThat(noYaml.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem(noYaml).get("detail").asString()).contains("yaml");
        EntityExchangeResult<String> badEnrichment = http.post().uri("/api/rules")
                .contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(java.util.Map.of("yaml", TestRules.read("whoami_rule.yml"),
                        "enrichment", java.util.Map.of("attack", java.util.Map.of("techniques", List.of("1059"))))))
                .exchange().expectBody(String.class).returnResult();
        assertThat(badEnrichment.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem(badEnrichment).at("/errors/0/path").asString()).startsWith("attack.techniques");
        assertThat(rules.count()).isZero();
    }

    @Test
    void refusesIdsThatCannotBeUsedInUrls() {
        String yaml = TestRules.read("whoami_rule.yml").replace(WHOAMI_ID, "\"a b/../c\"");
        EntityExchangeResult<String> result = postYaml(yaml, YAML);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem(result).at("/errors/0/path").asString()).isEqualTo("id");
    }

    @Test
    void refusesUnsupportedMediaTypes() {
        EntityExchangeResult<String> result = http.post().uri("/api/rules").contentType(MediaType.APPLICATION_XML)
                .body("<rule/>").exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        problem(result);
        EntityExchangeResult<String> method = http.patch().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                .body("x").exchange().expectBody(String.class).returnResult();
        assertThat(method.getStatus()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        problem(method);
        EntityExchangeResult<String> path = http.get().uri("/api/rules/a/b/c").exchange().expectBody(String.class)
                .returnResult();
        assertThat(path.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        problem(path);
    }

    @Test
    void refusesAHugeBodyWith413() {
        String huge = "title: x\ndescription: " + "a".repeat(3 * 1024 * 1024) + "\n";
        EntityExchangeResult<String> result = postYaml(huge, YAML);
        assertThat(result.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(problem(result).get("limitBytes").asLong()).isEqualTo(2L * 1024 * 1024);
        assertThat(rules.count()).isZero();
    }

    @Test
    void refusesAHugeChunkedBodyWith413() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/api/rules")
                .toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(64 * 1024);
        connection.setRequestProperty(HttpHeaders.CONTENT_TYPE, "application/yaml");
        connection.setRequestProperty(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.ADMIN));
        byte[] chunk = "# padding padding padding padding padding padding padding padding\n"
                .repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = connection.getOutputStream()) {
            for (int written = 0; written < 3 * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException closedByServer) {
            // The server may answer and close before the whole body is sent.
        }
        assertThat(connection.getResponseCode()).isEqualTo(413);
        try (InputStream in = connection.getErrorStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"status\":413");
        }
        assertThat(rules.count()).isZero();
    }

    // ------------------------------------------------------------------ get and download

    @Test
    void answers404ForAnUnknownRuleOnEveryPath() {
        for (String path : List.of("/api/rules/nope", "/api/rules/nope.yml", "/api/rules/nope/enrichment")) {
            EntityExchangeResult<String> result = http.get().uri(path).exchange().expectBody(String.class)
                    .returnResult();
            assertThat(result.getStatus()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(problem(result).get("ruleId").asString()).isEqualTo("nope");
        }
        assertThat(http.delete().uri("/api/rules/nope").header(HttpHeaders.IF_MATCH, "*").exchange()
                .expectBody(String.class).returnResult().getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void downloadsTheYamlAsAnAttachmentNamedAfterTheTitle() {
        String yaml = TestRules.read("whoami_rule.yml");
        postYaml(yaml, YAML);
        EntityExchangeResult<byte[]> download = http.get().uri("/api/rules/" + WHOAMI_ID + ".yml").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
        assertThat(download.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"whoami-execution-by-web-server.yml\"");
        assertThat(download.getResponseHeaders().getContentType().toString()).startsWith("application/yaml");
        assertThat(new String(download.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(yaml);
        // The JSON form of the same id is still reachable: the two mappings do not shadow each other.
        assertThat(json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK)).get("id").asString()).isEqualTo(WHOAMI_ID);
    }

    // ------------------------------------------------------------------ replace and delete

    @Test
    void replacesTheYamlAndKeepsWhatAPersonWrote() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        putEnrichment(WHOAMI_ID, "{\"huntHypothesis\": \"Web shells run whoami.\", \"generated\": [\"attack\"],"
                + " \"attack\": {\"tactics\": [\"discovery\", \"execution\"], \"techniques\": [\"T1033\"],"
                + " \"subTechniques\": [\"T1059.004\"]}}", HttpStatus.OK);
        long before = rules.libraryVersion();
        String changed = TestRules.read("whoami_rule.yml").replace("Whoami Execution By Web Server",
                "Identity Discovery By Web Server").replace("    - attack.t1033\n", "    - attack.t1087.001\n");
        EntityExchangeResult<String> put = http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, etag(WHOAMI_ID)).body(changed).exchange().expectBody(String.class)
                .returnResult();
        assertThat(put.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(put.getResponseHeaders().getETag()).isEqualTo("\"" + json(put).get("version").asLong() + "\"");
        JsonNode rule = json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK));
        assertThat(rule.get("yaml").asString()).isEqualTo(changed);
        assertThat(rule.at("/enrichment/huntHypothesis").asString()).isEqualTo("Web shells run whoami.");
        // The mapping was still generated, so it follows the new tags.
        assertThat(rule.at("/enrichment/attack/techniques").toString()).isEqualTo("[]");
        assertThat(rule.at("/enrichment/attack/subTechniques").toString()).isEqualTo("[\"T1087.001\",\"T1059.004\"]");
        assertThat(titles(search("q=identity"))).containsExactly("Identity Discovery By Web Server");
        assertThat(search("technique=T1033").get("total").asLong()).isZero();
        assertThat(search("technique=T1087").get("total").asLong()).isEqualTo(1);
        assertThat(rules.libraryVersion()).isGreaterThan(before);
    }

    @Test
    void replaceInsertsThePathIdIntoAYamlWithoutOne() {
        String created = json(postYaml(TestRules.read("no_id_rule.yml"), YAML)).get("id").asString();
        String replacement = TestRules.read("no_id_rule.yml").replace("level: low", "level: medium");
        JsonNode put = json(http.put().uri("/api/rules/" + created).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, etag(created)).body(replacement).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult());
        assertThat(put.get("yaml").asString()).contains("id: " + created);
        assertThat(put.at("/metadata/level").asString()).isEqualTo("medium");
    }

    @Test
    void refusesAReplacementWithAnotherIdOrInvalidYamlAndKeepsTheStoredRule() {
        String yaml = TestRules.read("whoami_rule.yml");
        postYaml(yaml, YAML);
        String otherId = yaml.replace(WHOAMI_ID, "11111111-2222-4333-8444-555555555555");
        EntityExchangeResult<String> mismatch = http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, "*").body(otherId).exchange().expectBody(String.class).returnResult();
        assertThat(mismatch.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem(mismatch).at("/errors/0/line").asInt()).isEqualTo(2);
        EntityExchangeResult<String> invalid = http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, "*")
                .body(yaml.replace("condition: selection", "condition: selection and nothing")).exchange()
                .expectBody(String.class).returnResult();
        assertThat(invalid.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK)).get("yaml").asString()).isEqualTo(yaml);
        EntityExchangeResult<String> unknown = http.put().uri("/api/rules/nope").contentType(YAML)
                .header(HttpHeaders.IF_MATCH, "*").body(yaml).exchange().expectBody(String.class).returnResult();
        assertThat(unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void replaceWithAStaleIfMatchAnswers412() {
        JsonNode created = json(postYaml(TestRules.read("whoami_rule.yml"), YAML));
        String etag = "\"" + created.get("version").asLong() + "\"";
        String changed = TestRules.read("whoami_rule.yml").replace("level: high", "level: critical");
        http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML).header(HttpHeaders.IF_MATCH, etag).body(changed)
                .exchange().expectStatus().isOk();
        EntityExchangeResult<String> stale = http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, etag).body(TestRules.read("whoami_rule.yml")).exchange()
                .expectBody(String.class).returnResult();
        assertThat(stale.getStatus()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        problem(stale);
        assertThat(json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK)).at("/metadata/level").asString())
                .isEqualTo("critical");
    }

    @Test
    void changesWithoutIfMatchAnswer428AndChangeNothing() {
        String yaml = TestRules.read("whoami_rule.yml");
        postYaml(yaml, YAML);
        long version = json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK)).get("version").asLong();
        List<EntityExchangeResult<String>> refused = List.of(
                http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML).body(yaml.replace("level: high", "level: low"))
                        .exchange().expectBody(String.class).returnResult(),
                http.put().uri("/api/rules/" + WHOAMI_ID).contentType(MediaType.APPLICATION_JSON)
                        .body(JSON.writeValueAsString(java.util.Map.of("yaml", yaml))).exchange()
                        .expectBody(String.class).returnResult(),
                http.put().uri("/api/rules/" + WHOAMI_ID + "/enrichment").contentType(MediaType.APPLICATION_JSON)
                        .body("{\"confidence\": \"low\"}").exchange().expectBody(String.class).returnResult(),
                http.delete().uri("/api/rules/" + WHOAMI_ID).exchange().expectBody(String.class).returnResult());
        for (EntityExchangeResult<String> result : refused) {
            assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
            assertThat(problem(result).get("type").asString()).endsWith("/precondition-required");
            assertThat(problem(result).get("detail").asString()).contains("If-Match: *");
        }
        JsonNode rule = json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK));
        assertThat(rule.get("version").asLong()).isEqualTo(version);
        assertThat(rule.get("yaml").asString()).isEqualTo(yaml);
    }

    @Test
    void deleteWithAStaleIfMatchAnswers412AndKeepsTheRule() {
        String created = json(postYaml(TestRules.read("whoami_rule.yml"), YAML)).get("version").asString();
        putEnrichment(WHOAMI_ID, "{\"confidence\": \"low\"}", HttpStatus.OK);
        EntityExchangeResult<String> stale = http.delete().uri("/api/rules/" + WHOAMI_ID)
                .header(HttpHeaders.IF_MATCH, "\"" + created + "\"").exchange().expectBody(String.class).returnResult();
        assertThat(stale.getStatus()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        JsonNode problem = problem(stale);
        assertThat(problem.get("type").asString()).endsWith("/version-conflict");
        String current = etag(WHOAMI_ID);
        assertThat(stale.getResponseHeaders().getETag()).isEqualTo(current);
        assertThat("\"" + problem.get("currentVersion").asLong() + "\"").isEqualTo(current);
        http.delete().uri("/api/rules/" + WHOAMI_ID).header(HttpHeaders.IF_MATCH, current).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void theEnrichmentIsVersionedWithItsRule() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        EntityExchangeResult<String> read = get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.OK);
        String etag = read.getResponseHeaders().getETag();
        assertThat(etag).isEqualTo(etag(WHOAMI_ID));
        EntityExchangeResult<String> edited = http.put().uri("/api/rules/" + WHOAMI_ID + "/enrichment")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, etag)
                .body("{\"confidence\": \"high\"}").exchange().expectBody(String.class).returnResult();
        assertThat(edited.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(edited.getResponseHeaders().getETag()).isNotEqualTo(etag).isEqualTo(etag(WHOAMI_ID));
        EntityExchangeResult<String> stale = http.put().uri("/api/rules/" + WHOAMI_ID + "/enrichment")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, etag)
                .body("{\"confidence\": \"low\"}").exchange().expectBody(String.class).returnResult();
        assertThat(stale.getStatus()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(json(get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.OK)).get("confidence").asString())
                .isEqualTo("high");
        // A YAML change moves the enrichment's ETag too.
        http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML).header(HttpHeaders.IF_MATCH, etag(WHOAMI_ID))
                .body(TestRules.read("whoami_rule.yml").replace("level: high", "level: low")).exchange()
                .expectStatus().isOk();
        assertThat(get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.OK).getResponseHeaders().getETag())
                .isEqualTo(etag(WHOAMI_ID)).isNotEqualTo(edited.getResponseHeaders().getETag());
    }

    /**
     * Several clients change one rule at the same moment, each reading it, adding its own line and writing it back
     * with If-Match; a refused write (412, or 409 when two commit at once) is read again and retried. Every change
     * must be in the rule at the end, and every accepted write must have made a version of its own. The first writes
     * all start from the same version (a barrier between read and write), so some are refused for sure.
     */
    @Test
    void concurrentWritersLoseNothing() throws Exception {
        String yaml = TestRules.read("whoami_rule.yml");
        long start = json(postYaml(yaml, YAML)).get("version").asLong();
        int writers = 4;
        int changesEach = 5;
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CyclicBarrier sameStart = new java.util.concurrent.CyclicBarrier(writers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int change = 0; change < changesEach; change++) {
                    String line = "    - writer " + writer + " change " + change + "\n";
                    for (int attempt = 0; ; attempt++) {
                        EntityExchangeResult<String> read = get("/api/rules/" + WHOAMI_ID, HttpStatus.OK);
                        if (change == 0 && attempt == 0) {
                            sameStart.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        String current = json(read).get("yaml").asString();
                        String next = current.replace("falsepositives:\n", "falsepositives:\n" + line);
                        EntityExchangeResult<String> put = http.put().uri("/api/rules/" + WHOAMI_ID).contentType(YAML)
                                .header(HttpHeaders.IF_MATCH, read.getResponseHeaders().getETag()).body(next)
                                .exchange().expectBody(String.class).returnResult();
                        if (put.getStatus() == HttpStatus.OK) {
                            accepted.incrementAndGet();
                            break;
                        }
                        assertThat(put.getStatus()).as(put.getResponseBody())
                                .isIn(HttpStatus.PRECONDITION_FAILED, HttpStatus.CONFLICT);
                        problem(put);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<?> writer : done) {
            writer.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        JsonNode rule = json(get("/api/rules/" + WHOAMI_ID, HttpStatus.OK));
        String stored = rule.get("yaml").asString();
        for (int w = 0; w < writers; w++) {
            for (int change = 0; change < changesEach; change++) {
                assertThat(stored).contains("    - writer " + w + " change " + change + "\n");
            }
        }
        assertThat(accepted.get()).isEqualTo(writers * changesEach);
        assertThat(rule.get("version").asLong() - start).isEqualTo(writers * changesEach);
        assertThat(refused.get()).as("writes refused and retried").isGreaterThanOrEqualTo(writers - 1);
    }

    @Test
    void replacesFromJsonWithEnrichment() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        String request = JSON.writeValueAsString(java.util.Map.of("yaml", TestRules.read("whoami_rule.yml"),
                "enrichment", java.util.Map.of("confidence", "low")));
        JsonNode put = json(http.put().uri("/api/rules/" + WHOAMI_ID).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, etag(WHOAMI_ID)).body(request).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult());
        assertThat(put.at("/enrichment/confidence").asString()).isEqualTo("low");
        assertThat(put.at("/enrichment/attack/techniques/0").asString()).isEqualTo("T1033");
    }

    @Test
    void deletes() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        long before = rules.libraryVersion();
        http.delete().uri("/api/rules/" + WHOAMI_ID).header(HttpHeaders.IF_MATCH, etag(WHOAMI_ID)).exchange()
                .expectStatus().isNoContent();
        get("/api/rules/" + WHOAMI_ID, HttpStatus.NOT_FOUND);
        get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.NOT_FOUND);
        assertThat(search("").get("total").asLong()).isZero();
        assertThat(rules.libraryVersion()).isGreaterThan(before);
        // The id is free again.
        assertThat(postYaml(TestRules.read("whoami_rule.yml"), YAML).getStatus()).isEqualTo(HttpStatus.CREATED);
    }

    // ------------------------------------------------------------------ enrichment

    @Test
    void editsTheEnrichmentAndTheTechniqueFilterFollowsIt() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        assertThat(search("technique=T1021").get("total").asLong()).isZero();
        JsonNode put = json(putEnrichment(WHOAMI_ID, """
                {"huntHypothesis": "Lateral movement then discovery.",
                 "tuningGuidance": ["Exclude the monitoring account."],
                 "attack": {"tactics": ["lateral-movement"], "techniques": [], "subTechniques": ["T1021.004"]},
                 "dataSources": ["Process: Process Creation"], "requiredTables": ["imProcessCreate"],
                 "confidence": "medium", "generated": ["tuningGuidance"]}
                """, HttpStatus.OK));
        // tuningGuidance changed, so a person wrote it: nothing is generated any more.
        assertThat(put.get("generated").toString()).isEqualTo("[]");
        assertThat(search("technique=T1021").get("total").asLong()).isEqualTo(1);
        assertThat(search("technique=T1033").get("total").asLong()).isZero();
        assertThat(search("tactic=lateral-movement").get("total").asLong()).isEqualTo(1);
        JsonNode enrichment = json(get("/api/rules/" + WHOAMI_ID + "/enrichment", HttpStatus.OK));
        assertThat(enrichment.get("requiredTables").toString()).isEqualTo("[\"imProcessCreate\"]");
        // Sending an unchanged part as generated keeps it generated.
        JsonNode again = json(putEnrichment(WHOAMI_ID, JSON.writeValueAsString(enrichment).replace(
                "\"generated\":[]", "\"generated\":[\"dataSources\"]"), HttpStatus.OK));
        assertThat(again.get("generated").toString()).isEqualTo("[\"dataSources\"]");
    }

    @Test
    void refusesInvalidEnrichmentWithEveryProblem() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        EntityExchangeResult<String> result = putEnrichment(WHOAMI_ID, """
                {"attack": {"techniques": ["T1059.004"], "tactics": ["Execution!"]},
                 "atomicTests": [{"name": "", "guid": "not-a-guid"}],
                 "sourceUrl": "javascript:alert(1)"}
                """, HttpStatus.BAD_REQUEST);
        JsonNode errors = problem(result).get("errors");
        List<String> paths = new ArrayList<>();
        errors.forEach(e -> paths.add(e.get("path").asString()));
        assertThat(paths).anyMatch(p -> p.startsWith("attack.techniques"))
                .anyMatch(p -> p.startsWith("attack.tactics"))
                .anyMatch(p -> p.startsWith("atomicTests[0].name"))
                .anyMatch(p -> p.startsWith("atomicTests[0].guid"))
                .contains("sourceUrl");
        putEnrichment(WHOAMI_ID, "{\"confidence\": \"certain\"}", HttpStatus.BAD_REQUEST);
        putEnrichment("nope", "{}", HttpStatus.NOT_FOUND);
    }

    // ------------------------------------------------------------------ search

    @Test
    void searchesWithTextFiltersSortingAndPaging() {
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        postYaml(TestRules.read("no_id_rule.yml"), YAML);
        postYaml(TestRules.read("unicode_crlf_rule.yml"), YAML);
        postYaml(TestRules.read("correlation_multi.yml"), YAML);

        assertThat(search("").get("total").asLong()).isEqualTo(4);
        // q: every word, over title, description, tags, field names and values, case-insensitive
        assertThat(ids(search("q=WHOAMI"))).containsExactly(WHOAMI_ID);
        assertThat(ids(search("q=nginx whoami"))).containsExactly(WHOAMI_ID);
        assertThat(ids(search("q=parentimage"))).containsExactly(WHOAMI_ID);
        assertThat(ids(search("q=attack.t1033"))).containsExactly(WHOAMI_ID);
        assertThat(ids(search("q=café.exe"))).hasSize(1);
        assertThat(search("q=nginx windows").get("total").asLong()).isZero();
        assertThat(search("q=100%").get("total").asLong()).isZero();
        // filters
        assertThat(ids(search("technique=T1059"))).containsExactly(WHOAMI_ID);
        assertThat(ids(search("technique=t1059.004"))).containsExactly(WHOAMI_ID);
        assertThat(search("technique=T1059.001").get("total").asLong()).isZero();
        assertThat(ids(search("tactic=discovery"))).containsExactly(WHOAMI_ID);
        assertThat(search("level=high&level=low").get("total").asLong()).isEqualTo(2);
        assertThat(search("status=experimental").get("total").asLong()).isEqualTo(2);
        assertThat(search("product=windows").get("total").asLong()).isEqualTo(3);
        assertThat(search("product=windows&category=file_event").get("total").asLong()).isEqualTo(1);
        assertThat(search("service=security").get("total").asLong()).isEqualTo(2);
        assertThat(ids(search("author=hub tests"))).containsExactly(WHOAMI_ID);
        assertThat(search("kind=correlation").get("total").asLong()).isEqualTo(1);
        assertThat(search("hasAtomicTests=false").get("total").asLong()
                + search("hasAtomicTests=true").get("total").asLong()).isEqualTo(4);
        // sorting
        assertThat(titles(search("sort=title"))).isSorted();
        List<String> descending = titles(search("sort=title,desc"));
        assertThat(descending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(titles(search("sort=-title"))).isEqualTo(descending);
        assertThat(levels(search("sort=-level"))).containsExactly("high", "medium", "low", "informational");
        assertThat(search("sort=-updated").get("total").asLong()).isEqualTo(4);
        // relevance: full-text score (docs/search.md); "windows" is only in the logsource of these three
        assertThat(levels(search("q=windows&sort=relevance"))).containsExactlyInAnyOrder("medium", "low",
                "informational");
        assertThat(levels(search("q=windows"))).as("relevance is the default order of a text search")
                .isEqualTo(levels(search("q=windows&sort=relevance")));
        assertThat(ids(search("q=web&sort=relevance"))).containsExactly(WHOAMI_ID);
        assertThat(titles(search("q=logon&sort=relevance"))).containsExactly("Many failed logons for a service account");
        assertThat(search("q=windows&sort=relevance&size=1&page=2").get("total").asLong()).isEqualTo(3);
        // paging
        JsonNode page = search("size=3&page=1&sort=title");
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(3);
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.at("/items/0/title").asString()).isEqualTo(titles(search("sort=title")).get(3));
        JsonNode item = search("q=whoami").at("/items/0");
        assertThat(item.get("techniques").toString()).isEqualTo("[\"T1033\",\"T1059.004\"]");
        assertThat(item.get("date").asString()).isEqualTo("2026-11-20");
        assertThat(item.get("modified").asString()).isEqualTo("2026-11-21");
        assertThat(item.has("yaml")).isFalse();
        assertThat(search("").has("facets")).isFalse();
        // facets over the matches
        JsonNode facets = search("product=windows&facets=true").get("facets");
        assertThat(facets.get("total").asLong()).isEqualTo(3);
        assertThat(facets.get("levels").toString()).isEqualTo("{\"informational\":1,\"low\":1,\"medium\":1}");
        assertThat(facets.get("services").toString()).isEqualTo("{\"security\":2}");
        assertThat(facets.get("tactics").toString()).isEqualTo("{\"credential-access\":1}");
        assertThat(facets.get("kinds").toString()).isEqualTo("{\"rule\":2,\"correlation\":1}");
        assertThat(facets.get("withAtomicTests").asLong())
                .isEqualTo(search("product=windows&hasAtomicTests=true").get("total").asLong());
        assertThat(search("facets=true").at("/facets/products").toString())
                .isEqualTo("{\"windows\":3,\"linux\":1}");
    }

    @Test
    void refusesBadSearchParameters() {
        for (String query : List.of("sort=password", "sort=title,sideways", "size=0", "size=201", "page=-1",
                "page=2147483647", "page=5001&size=200", "kind=macro", "size=abc")) {
            EntityExchangeResult<String> result = http.get().uri("/api/rules?" + query).exchange()
                    .expectBody(String.class).returnResult();
            assertThat(result.getStatus()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            problem(result);
        }
    }

    // ------------------------------------------------------------------ library version and documentation

    @Test
    void theLibraryVersionChangesOnEveryWrite() {
        long v0 = rules.libraryVersion();
        postYaml(TestRules.read("whoami_rule.yml"), YAML);
        long v1 = rules.libraryVersion();
        putEnrichment(WHOAMI_ID, "{\"confidence\": \"high\"}", HttpStatus.OK);
        long v2 = rules.libraryVersion();
        http.delete().uri("/api/rules/" + WHOAMI_ID).header(HttpHeaders.IF_MATCH, "*").exchange()
                .expectStatus().isNoContent();
        long v3 = rules.libraryVersion();
        assertThat(List.of(v0, v1, v2, v3)).doesNotHaveDuplicates().isSorted();
        LibrarySnapshot snapshot = rules.snapshot();
        assertThat(snapshot.version()).isEqualTo(v3);
        assertThat(snapshot.rules()).isEmpty();
    }

    @Test
    void snapshotListsEveryRuleWithItsYamlAndMapping() {
        String yaml = TestRules.read("whoami_rule.yml");
        postYaml(yaml, YAML);
        postYaml(TestRules.read("correlation_multi.yml"), YAML);
        LibrarySnapshot snapshot = rules.snapshot();
        assertThat(snapshot.rules()).hasSize(2);
        LibraryRule whoami = snapshot.rules().stream().filter(r -> r.id().equals(WHOAMI_ID)).findFirst().orElseThrow();
        assertThat(whoami.yaml()).isEqualTo(yaml);
        assertThat(whoami.kind()).isEqualTo(RuleKind.RULE);
        assertThat(whoami.tags()).containsExactly("attack.discovery", "attack.t1033", "attack.execution",
                "attack.t1059.004");
        assertThat(whoami.techniques()).containsExactlyInAnyOrder("T1033", "T1059.004");
        assertThat(whoami.product()).isEqualTo("linux");
    }

    @Test
    void documentsTheApiWithOpenApi() {
        JsonNode docs = json(get("/v3/api-docs", HttpStatus.OK));
        JsonNode paths = docs.get("paths");
        assertThat(paths.has("/api/rules")).isTrue();
        assertThat(paths.has("/api/rules/{id}")).isTrue();
        assertThat(paths.has("/api/rules/{id}.yml")).isTrue();
        assertThat(paths.has("/api/rules/{id}/enrichment")).isTrue();
        assertThat(paths.at("/~1api~1rules/get/parameters").toString()).contains("technique").contains("sort");
        assertThat(paths.at("/~1api~1rules/post/requestBody/content").has("application/yaml")).isTrue();
        assertThat(paths.at("/~1api~1rules/post/requestBody/content").has("application/json")).isTrue();
        for (String change : List.of("/~1api~1rules~1{id}/put", "/~1api~1rules~1{id}/delete",
                "/~1api~1rules~1{id}~1enrichment/put", "/~1api~1targets~1{name}/put", "/~1api~1targets~1{name}/delete")) {
            assertThat(paths.at(change + "/responses").propertyNames()).as(change).contains("409", "412", "428");
            assertThat(paths.at(change + "/parameters").toString()).as(change).contains("If-Match");
        }
        EntityExchangeResult<String> ui = http.get().uri("/swagger-ui.html").exchange().expectBody(String.class)
                .returnResult();
        assertThat(ui.getStatus().value()).isIn(200, 302);
        assertThat(json(get("/actuator/health", HttpStatus.OK)).get("status").asString()).isEqualTo("UP");
    }

    // ------------------------------------------------------------------ helpers

    EntityExchangeResult<String> postYaml(String yaml, MediaType type) {
        return http.post().uri("/api/rules").contentType(type).body(yaml.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectBody(String.class).returnResult();
    }

    EntityExchangeResult<String> get(String path, HttpStatus expected) {
        EntityExchangeResult<String> result = http.get().uri(path).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus()).as(path + ": " + result.getResponseBody()).isEqualTo(expected);
        return result;
    }

    /** Replaces the enrichment of whatever version is stored ({@code If-Match: *}). */
    EntityExchangeResult<String> putEnrichment(String id, String json, HttpStatus expected) {
        EntityExchangeResult<String> result = http.put().uri("/api/rules/" + id + "/enrichment")
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "*").body(json).exchange()
                .expectBody(String.class).returnResult();
        assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(expected);
        return result;
    }

    /** The ETag of the stored rule. */
    String etag(String id) {
        return get("/api/rules/" + id, HttpStatus.OK).getResponseHeaders().getETag();
    }

    JsonNode search(String query) {
        return json(get("/api/rules?" + query, HttpStatus.OK));
    }

    static JsonNode json(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody());
    }

    static JsonNode problem(EntityExchangeResult<String> result) {
        assertThat(result.getResponseHeaders().getContentType()).as(result.getResponseBody())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json(result);
        assertThat(problem.get("status").asInt()).isEqualTo(result.getStatus().value());
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(i -> titles.add(i.get("title").asString()));
        return titles;
    }

    static List<String> levels(JsonNode page) {
        List<String> levels = new ArrayList<>();
        page.get("items").forEach(i -> levels.add(i.get("level").asString()));
        return levels;
    }
}
