package io.detectionhub.library.revisions;

import io.detectionhub.audit.AuditEntry;
import io.detectionhub.audit.AuditLog;
import io.detectionhub.audit.AuditQuery;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static io.detectionhub.testsupport.ApiExchanges.exchange;
import static io.detectionhub.testsupport.ApiExchanges.json;
import static io.detectionhub.testsupport.ApiExchanges.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions, diffs, revert, trash, restore and purge through the real HTTP stack, signed in with API keys. Run on H2
 * ({@link RevisionApiH2Test}) and on a real PostgreSQL ({@link RevisionApiPostgresTest}). Every test uses rules of its
 * own (fresh ids), so it leaves the shared context's library alone.
 */
abstract class RevisionApiContract {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RestTestClient http;

    @Autowired
    TestCredentials credentials;

    @Autowired
    AuditLog audit;

    static String rule(String id, String image) {
        return """
                title: Revision test %s
                id: %s
                status: test
                logsource:
                    category: process_creation
                    product: linux
                detection:
                    selection:
                        Image|endswith: '%s'
                    condition: selection
                level: medium
                """.formatted(image, id, image);
    }

    @Test
    void everyChangeIsARevisionWithAuthorCommentAndDiff() {
        String id = UUID.randomUUID().toString();
        String admin = credentials.keyActor(Role.ADMIN);
        exchange(http.post().uri("/api/rules?comment={c}", "first version").contentType(YAML).body(rule(id, "/bash")),
                201);
        String v1 = etag(id);
        exchange(http.put().uri("/api/rules/" + id).contentType(YAML).header(HttpHeaders.IF_MATCH, v1)
                .header("X-Change-Comment", "tighten the image").body(rule(id, "/zsh")), 200);
        exchange(http.put().uri("/api/rules/" + id + "/enrichment").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "*")
                .body("{\"huntHypothesis\": \"Someone starts zsh.\", \"confidence\": \"low\"}"), 200);

        JsonNode history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("number").asInt()).isEqualTo(3);
        assertThat(history.get(0).path("change").asString()).isEqualTo("enrichment-updated");
        assertThat(history.get(1).path("change").asString()).isEqualTo("replaced");
        assertThat(history.get(1).path("comment").asString()).isEqualTo("tighten the image");
        assertThat(history.get(2).path("change").asString()).isEqualTo("created");
        assertThat(history.get(2).path("comment").asString()).isEqualTo("first version");
        for (JsonNode r : history) {
            assertThat(r.path("author").asString()).isEqualTo(admin);
            assertThat(r.path("at").asString()).isNotBlank();
        }

        JsonNode first = json(exchange(http.get().uri("/api/rules/" + id + "/revisions/1"), 200));
        assertThat(first.path("yaml").asString()).isEqualTo(rule(id, "/bash"));
        assertThat(first.path("enrichment").isObject()).isTrue();

        JsonNode yamlDiff = json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=1&to=2"), 200));
        assertThat(yamlDiff.path("yaml").asString())
                .contains("-        Image|endswith: '/bash'", "+        Image|endswith: '/zsh'",
                        "-title: Revision test /bash", "+title: Revision test /zsh")
                .startsWith("--- " + id + ".yml (revision 1)\n+++ " + id + ".yml (revision 2)\n@@ ");
        JsonNode enrichmentDiff = json(exchange(http.get().uri("/api/rules/" + id + "/diff"), 200));
        assertThat(enrichmentDiff.path("from").asInt()).isEqualTo(2);
        assertThat(enrichmentDiff.path("to").asInt()).isEqualTo(3);
        assertThat(enrichmentDiff.path("yaml").asString()).isEmpty();
        List<String> fields = enrichmentDiff.path("enrichment").valueStream().map(f -> f.path("field").asString())
                .toList();
        assertThat(fields).contains("huntHypothesis", "confidence");
        JsonNode hunt = enrichmentDiff.path("enrichment").valueStream()
                .filter(f -> f.path("field").asString().equals("huntHypothesis")).findFirst().orElseThrow();
        assertThat(hunt.path("from").asString()).isNotEqualTo("Someone starts zsh.");
        assertThat(hunt.path("to").asString()).isEqualTo("Someone starts zsh.");
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=2&to=2"), 200))
                .path("unchanged").asBoolean()).isTrue();
    }

    @Test
    void revertNeedsIfMatchAndIsANewRevision() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/bash")), 201);
        String v1 = etag(id);
        exchange(http.put().uri("/api/rules/" + id).contentType(YAML).header(HttpHeaders.IF_MATCH, v1)
                .body(rule(id, "/zsh")), 200);

        problem(exchange(http.post().uri("/api/rules/" + id + "/revert?to=1"), 428), "precondition-required");
        problem(exchange(http.post().uri("/api/rules/" + id + "/revert?to=1").header(HttpHeaders.IF_MATCH, v1), 412),
                null);
        problem(exchange(http.post().uri("/api/rules/" + id + "/revert?to=9").header(HttpHeaders.IF_MATCH, "*"), 404),
                "revision-not-found");
        problem(exchange(http.post().uri("/api/rules/" + id + "/revert?to=1").header(HttpHeaders.IF_MATCH, "*")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 403), "forbidden");

        EntityExchangeResult<String> reverted = exchange(http.post().uri("/api/rules/" + id + "/revert?to=1&comment={c}",
                        "the old image was right").header(HttpHeaders.IF_MATCH, etag(id))
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 200);
        assertThat(reverted.getResponseHeaders().getETag()).isEqualTo(etag(id));
        assertThat(json(reverted).path("yaml").asString()).isEqualTo(rule(id, "/bash"));

        JsonNode latest = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200)).get(0);
        assertThat(latest.path("number").asInt()).isEqualTo(3);
        assertThat(latest.path("change").asString()).isEqualTo("reverted");
        assertThat(latest.path("author").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        assertThat(latest.path("comment").asString()).isEqualTo("Reverted to revision 1: the old image was right");
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=1&to=3"), 200))
                .path("unchanged").asBoolean()).isTrue();
        assertThat(entries("rule.reverted", id)).singleElement()
                .satisfies(e -> assertThat(e.summary()).contains("Reverted to revision 1"));
    }

    @Test
    void deleteMovesToTheTrashAndRestoreBringsBackRuleEnrichmentAndHistory() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(
                java.util.Map.of("yaml", rule(id, "/bash"), "comment", "json comment",
                        "enrichment", java.util.Map.of("huntHypothesis", "Bash where it should not be.")))), 201);
        exchange(http.delete().uri("/api/rules/" + id + "?comment={c}", "noisy").header(HttpHeaders.IF_MATCH, "*"),
                204);
        problem(exchange(http.get().uri("/api/rules/" + id), 404), "rule-not-found");

        JsonNode trash = json(exchange(http.get().uri("/api/trash")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 200));
        JsonNode entry = trash.valueStream().filter(t -> t.path("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(entry.path("title").asString()).isEqualTo("Revision test /bash");
        assertThat(entry.path("revision").asInt()).isEqualTo(2);
        assertThat(entry.path("deletedBy").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));
        exchange(http.get().uri("/api/trash").header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 403);

        JsonNode history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history.get(0).path("change").asString()).isEqualTo("deleted");
        assertThat(history.get(0).path("comment").asString()).isEqualTo("noisy");
        assertThat(history.get(1).path("comment").asString()).isEqualTo("json comment");
        problem(exchange(http.post().uri("/api/rules/" + id + "/revert?to=1").header(HttpHeaders.IF_MATCH, "*"), 409),
                "rule-in-trash");

        EntityExchangeResult<String> restored = exchange(http.post().uri("/api/trash/" + id + "/restore")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 201);
        assertThat(restored.getResponseHeaders().getLocation()).hasToString("/api/rules/" + id);
        JsonNode rule = json(exchange(http.get().uri("/api/rules/" + id), 200));
        assertThat(rule.path("yaml").asString()).isEqualTo(rule(id, "/bash"));
        assertThat(rule.path("enrichment").path("huntHypothesis").asString()).isEqualTo("Bash where it should not be.");
        history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("change").asString()).isEqualTo("restored");
        assertThat(history.get(0).path("author").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        assertThat(json(exchange(http.get().uri("/api/trash"), 200)).valueStream()
                .noneMatch(t -> t.path("id").asString().equals(id))).isTrue();
        problem(exchange(http.post().uri("/api/trash/" + id + "/restore"), 404), "not-in-trash");
        assertThat(entries("rule.deleted", id)).singleElement()
                .satisfies(e -> assertThat(e.summary()).endsWith(": noisy"));
        assertThat(entries("rule.restored", id)).hasSize(1);
    }

    @Test
    void creatingTheIdOfADeletedRuleTakesItBackAndContinuesItsHistory() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/bash")), 201);
        exchange(http.delete().uri("/api/rules/" + id).header(HttpHeaders.IF_MATCH, "*"), 204);
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/zsh")), 201);

        JsonNode history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("change").asString()).isEqualTo("created");
        assertThat(history.get(0).path("comment").asString()).isEqualTo(RevisionRecorder.CREATED_AGAIN);
        assertThat(json(exchange(http.get().uri("/api/trash"), 200)).valueStream()
                .noneMatch(t -> t.path("id").asString().equals(id))).isTrue();
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=2&to=3"), 200)).path("yaml")
                .asString()).contains("+        Image|endswith: '/zsh'");
    }

    @Test
    void onlyAnAdminPurgesAndThenTheHistoryIsGone() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/bash")), 201);
        problem(exchange(http.delete().uri("/api/trash/" + id), 404), "not-in-trash");
        exchange(http.delete().uri("/api/rules/" + id).header(HttpHeaders.IF_MATCH, "*"), 204);
        problem(exchange(http.delete().uri("/api/trash/" + id)
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 403), "forbidden");
        exchange(http.delete().uri("/api/trash/" + id), 204);

        problem(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 404), "rule-not-found");
        problem(exchange(http.post().uri("/api/trash/" + id + "/restore"), 404), "not-in-trash");
        assertThat(entries("rule.purged", id)).singleElement()
                .satisfies(e -> assertThat(e.summary()).contains("2 revisions", "Revision test /bash"));
    }

    @Test
    void refusesWhatItCannotDo() {
        String id = UUID.randomUUID().toString();
        problem(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 404), "rule-not-found");
        problem(exchange(http.get().uri("/api/rules/" + id + "/diff"), 404), "rule-not-found");
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/bash")), 201);
        problem(exchange(http.get().uri("/api/rules/" + id + "/revisions/2"), 404), "revision-not-found");
        problem(exchange(http.get().uri("/api/rules/" + id + "/diff?from=1&to=7"), 404), "revision-not-found");
        problem(exchange(http.get().uri("/api/rules/" + id + "/revisions/x"), 400), null);
        problem(exchange(http.put().uri("/api/rules/" + id + "?comment={c}", "x".repeat(1001)).contentType(YAML)
                .header(HttpHeaders.IF_MATCH, "*").body(rule(id, "/zsh")), 400), null);
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200))).hasSize(1);
        JsonNode fromNothing = json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=0&to=1"), 200));
        assertThat(fromNothing.path("yaml").asString()).startsWith("--- /dev/null").contains("+title: Revision test");
    }

    // ------------------------------------------------------------------ helpers

    List<AuditEntry> entries(String action, String ruleId) {
        return audit.search(new AuditQuery(null, action, "rule", ruleId, null, null), 0, 50).entries();
    }

    String etag(String id) {
        return http.get().uri("/api/rules/" + id).exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getETag();
    }
}
