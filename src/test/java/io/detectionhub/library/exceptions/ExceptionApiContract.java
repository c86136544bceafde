package io.detectionhub.library.exceptions;

import io.detectionhub.audit.AuditEntry;
import io.detectionhub.audit.AuditLog;
import io.detectionhub.audit.AuditQuery;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.detectionhub.testsupport.ApiExchanges.exchange;
import static io.detectionhub.testsupport.ApiExchanges.json;
import static io.detectionhub.testsupport.ApiExchanges.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exceptions through the real HTTP stack, signed in with API keys: create, list, replace, delete with If-Match,
 * refusals, roles, revisions (history, diff, revert), the trash, purge and expiry. Run on H2 ({@link ExceptionApiH2Test})
 * and PostgreSQL ({@link ExceptionApiPostgresTest}); every test uses rules of its own.
 */
abstract class ExceptionApiContract {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DETECTION = """
            selection:
                ParentImage|endswith: '/backup-agent'
            condition: not selection
            """;

    @Autowired
    RestTestClient http;

    @Autowired
    TestCredentials credentials;

    @Autowired
    AuditLog audit;

    @Autowired
    RuleExceptions exceptions;

    @Autowired
    RuleRevisions revisions;

    @Autowired
    JdbcClient jdbc;

    static String rule(String id) {
        return """
                title: Exception test %s
                id: %s
                status: test
                logsource:
                    category: process_creation
                    product: linux
                detection:
                    selection:
                        Image|endswith: '/bash'
                    condition: selection
                level: medium
                """.formatted(id, id);
    }

    @Test
    void createListReplaceDeleteWithIfMatch() {
        String id = newRule();
        EntityExchangeResult<String> created = exchange(http.post().uri(base(id) + "?comment={c}", "tune it")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Backup agent", "nightly backups", LocalDate.now(ZoneOffset.UTC).plusDays(30),
                        "SEC-1")), 201);
        JsonNode e = json(created);
        String exceptionId = e.path("id").asString();
        assertThat(created.getResponseHeaders().getLocation()).hasToString(base(id) + "/" + exceptionId);
        assertThat(created.getResponseHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(e.path("ruleId").asString()).isEqualTo(id);
        assertThat(e.path("title").asString()).isEqualTo("Backup agent");
        assertThat(e.path("author").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));
        assertThat(e.path("reason").asString()).isEqualTo("nightly backups");
        assertThat(e.path("ticket").asString()).isEqualTo("SEC-1");
        assertThat(e.path("expired").asBoolean()).isFalse();
        assertThat(e.path("active").asBoolean()).isTrue();
        assertThat(e.path("yaml").asString()).contains("id: " + exceptionId, "rules:\n      - " + id,
                "category: process_creation", "condition: not selection");

        JsonNode list = json(exchange(http.get().uri(base(id))
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 200));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asString()).isEqualTo(exceptionId);
        EntityExchangeResult<String> one = exchange(http.get().uri(base(id) + "/" + exceptionId), 200);
        assertThat(one.getResponseHeaders().getETag()).isEqualTo("\"1\"");

        String replacement = e.path("yaml").asString().replace("/backup-agent", "/backup-agent-2");
        problem(exchange(http.put().uri(base(id) + "/" + exceptionId).contentType(MediaType.APPLICATION_JSON)
                .body(body(replacement, null, "agent renamed", null, null)), 428), "precondition-required");
        EntityExchangeResult<String> replaced = exchange(http.put().uri(base(id) + "/" + exceptionId)
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"1\"")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR))
                .body(body(replacement, null, "agent renamed", null, null)), 200);
        assertThat(replaced.getResponseHeaders().getETag()).isEqualTo("\"2\"");
        JsonNode r = json(replaced);
        assertThat(r.path("yaml").asString()).isEqualTo(replacement);
        assertThat(r.path("reason").asString()).isEqualTo("agent renamed");
        assertThat(r.path("expires").isNull()).isTrue();
        assertThat(r.path("author").asString()).as("the author stays who created it")
                .isEqualTo(credentials.keyActor(Role.ADMIN));
        JsonNode changed = json(exchange(http.get().uri("/api/rules/" + id + "/diff"), 200)).path("parts").get(0)
                .path("items").get(0);
        assertThat(changed.path("kind").asString()).isEqualTo("changed");
        assertThat(changed.path("fields").valueStream().map(f -> f.path("field").asString()))
                .containsExactlyInAnyOrder("reason", "expires", "ticket", "yaml");
        EntityExchangeResult<String> stale = exchange(http.put().uri(base(id) + "/" + exceptionId)
                .contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.IF_MATCH, "\"1\"")
                .body(body(replacement, null, "again", null, null)), 412);
        problem(stale, "version-conflict");
        assertThat(stale.getResponseHeaders().getETag()).isEqualTo("\"2\"");

        problem(exchange(http.delete().uri(base(id) + "/" + exceptionId).header(HttpHeaders.IF_MATCH, "\"1\""), 412),
                "version-conflict");
        exchange(http.delete().uri(base(id) + "/" + exceptionId).header(HttpHeaders.IF_MATCH, "\"2\""), 204);
        problem(exchange(http.get().uri(base(id) + "/" + exceptionId), 404), "exception-not-found");
        assertThat(json(exchange(http.get().uri(base(id)), 200))).isEmpty();

        assertThat(entries(id, exceptionId)).extracting(AuditEntry::action).containsExactlyInAnyOrder(
                "rule-exception.created", "rule-exception.replaced", "rule-exception.deleted");
        assertThat(entries(id, exceptionId)).filteredOn(a -> a.action().equals("rule-exception.created"))
                .singleElement().satisfies(a -> assertThat(a.summary()).endsWith(": tune it"));
    }

    @Test
    void refusesWithProblemDetails() {
        String id = newRule();
        String unknown = UUID.randomUUID().toString();
        problem(exchange(http.get().uri(base(unknown)), 404), "rule-not-found");
        problem(exchange(http.post().uri(base(unknown)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "t", "r", null, null)), 404), "rule-not-found");
        problem(exchange(http.get().uri(base(id) + "/" + unknown), 404), "exception-not-found");
        problem(exchange(http.delete().uri(base(id) + "/" + unknown).header(HttpHeaders.IF_MATCH, "*"), 404),
                "exception-not-found");

        EntityExchangeResult<String> syntax = exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body("title: x\nfilter:\n    selection:\n        User: [a\n", null, "r", null, null)), 400);
        problem(syntax, "invalid-sigma");
        assertThat(json(syntax).path("errors").get(0).path("line").asInt()).isGreaterThan(1);
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body("title: x\nfilter:\n    rules: [other]\n" + DETECTION.indent(4), null, "r", null, null)),
                400), "invalid-sigma");
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "t", " ", null, null)), 400), "invalid-exception");
        EntityExchangeResult<String> past = exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "t", "r", LocalDate.now(ZoneOffset.UTC).minusDays(1), null)), 400);
        problem(past, "invalid-exception");
        assertThat(json(past).path("errors").get(0).path("path").asString()).isEqualTo("expires");
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "t", "r", null, "a\nb")), 400), "invalid-exception");
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body("{\"yaml\": \"x\", \"reason\": \"r\", \"expires\": \"tomorrow\"}"), 400), null);
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER))
                .body(body(DETECTION, "t", "r", null, null)), 403), "forbidden");
        assertThat(json(exchange(http.get().uri(base(id)), 200))).isEmpty();

        JsonNode e = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "t", "r", null, null)), 201));
        String exceptionId = e.path("id").asString();
        problem(exchange(http.put().uri(base(id) + "/" + exceptionId).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "*").header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER))
                .body(body(DETECTION, "t", "r", null, null)), 403), "forbidden");
        problem(exchange(http.delete().uri(base(id) + "/" + exceptionId).header(HttpHeaders.IF_MATCH, "*")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 403), "forbidden");
        problem(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(e.path("yaml").asString(), null, "r", null, null)), 409), "duplicate-exception");
        String otherRule = newRule();
        problem(exchange(http.get().uri(base(otherRule) + "/" + exceptionId), 404), "exception-not-found");
    }

    @Test
    void everyExceptionChangeIsARevisionAndRevertRestoresThem() {
        String id = newRule();
        String a = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Backup agent", "nightly backups", null, null)), 201)).path("id").asString();
        exchange(http.delete().uri(base(id) + "/" + a + "?comment={c}", "agent retired")
                .header(HttpHeaders.IF_MATCH, "*"), 204);

        JsonNode history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history).hasSize(3);
        assertThat(history.get(1).path("change").asString()).isEqualTo("exceptions-changed");
        assertThat(history.get(1).path("comment").asString()).isEqualTo("Exception 'Backup agent' created.");
        assertThat(history.get(0).path("change").asString()).isEqualTo("exceptions-changed");
        assertThat(history.get(0).path("comment").asString())
                .isEqualTo("Exception 'Backup agent' deleted: agent retired");

        JsonNode added = json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=1&to=2"), 200));
        assertThat(added.path("unchanged").asBoolean()).isFalse();
        assertThat(added.path("yaml").asString()).isEmpty();
        JsonNode part = added.path("parts").get(0);
        assertThat(part.path("part").asString()).isEqualTo("exceptions");
        assertThat(part.path("diff").asString()).contains("+  \"reason\" : \"nightly backups\"");
        assertThat(part.path("items")).hasSize(1);
        assertThat(part.path("items").get(0).path("kind").asString()).isEqualTo("added");
        assertThat(part.path("items").get(0).path("id").asString()).isEqualTo(a);
        assertThat(part.path("items").get(0).path("title").asString()).isEqualTo("Backup agent");
        assertThat(part.path("items").get(0).path("fields").valueStream().map(f -> f.path("field").asString()))
                .contains("reason", "yaml", "author");
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=2&to=3"), 200))
                .path("parts").get(0).path("items").get(0).path("kind").asString()).isEqualTo("removed");
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/revisions/2"), 200))
                .path("parts").path("exceptions").get(0).path("id").asString()).isEqualTo(a);

        // revert to revision 2 brings the deleted exception back, as it was
        exchange(http.post().uri("/api/rules/" + id + "/revert?to=2").header(HttpHeaders.IF_MATCH, "*"), 200);
        JsonNode back = json(exchange(http.get().uri(base(id)), 200));
        assertThat(back).hasSize(1);
        assertThat(back.get(0).path("id").asString()).isEqualTo(a);
        assertThat(back.get(0).path("reason").asString()).isEqualTo("nightly backups");
        assertThat(json(exchange(http.get().uri("/api/rules/" + id + "/diff?from=2&to=4"), 200))
                .path("unchanged").asBoolean()).isTrue();

        // an edit, then revert to revision 1 (before any exception) removes it again
        String b = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Second", "r", null, null)), 201)).path("id").asString();
        assertThat(exceptions.forRule(id)).extracting(RuleException::id).containsExactlyInAnyOrder(a, b);
        exchange(http.post().uri("/api/rules/" + id + "/revert?to=1").header(HttpHeaders.IF_MATCH, "*"), 200);
        assertThat(exceptions.forRule(id)).isEmpty();
        JsonNode latest = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200)).get(0);
        assertThat(latest.path("change").asString()).isEqualTo("reverted");
        assertThat(revisions.parts(id, latest.path("number").asInt())).containsEntry("exceptions", "[]");
    }

    @Test
    void exceptionsStayInTheTrashWithTheirRuleAndGoWhenItIsPurged() {
        String id = newRule();
        String a = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Backup agent", "nightly backups", null, null)), 201)).path("id").asString();
        exchange(http.delete().uri("/api/rules/" + id).header(HttpHeaders.IF_MATCH, "*"), 204);
        problem(exchange(http.get().uri(base(id)), 404), "rule-not-found");
        JsonNode deletion = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200)).get(0);
        assertThat(deletion.path("change").asString()).isEqualTo("deleted");
        assertThat(revisions.parts(id, deletion.path("number").asInt()).get("exceptions")).contains(a);

        exchange(http.post().uri("/api/trash/" + id + "/restore"), 201);
        assertThat(json(exchange(http.get().uri(base(id)), 200))).singleElement()
                .satisfies(e -> assertThat(e.path("id").asString()).isEqualTo(a));

        exchange(http.delete().uri("/api/rules/" + id).header(HttpHeaders.IF_MATCH, "*"), 204);
        exchange(http.delete().uri("/api/trash/" + id), 204);
        assertThat(exceptions.forRule(id)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_revision_part WHERE rule_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredExceptionIsListedAsExpiredAndNoLongerApplies() {
        String id = newRule();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String kept = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Kept", "r", today.plusDays(1), null)), 201)).path("id").asString();
        String gone = json(exchange(http.post().uri(base(id)).contentType(MediaType.APPLICATION_JSON)
                .body(body(DETECTION, "Expires", "r", today.plusDays(1), null)), 201)).path("id").asString();
        // its expiry date arrives: the exception stops applying ON that date
        jdbc.sql("UPDATE rule_exception SET expires = :d WHERE id = :id").param("d", today).param("id", gone).update();

        Map<String, JsonNode> listed = new LinkedHashMap<>();
        json(exchange(http.get().uri(base(id)), 200)).forEach(e -> listed.put(e.path("id").asString(), e));
        assertThat(listed.keySet()).containsExactly(kept, gone);
        assertThat(listed.get(gone).path("expired").asBoolean()).isTrue();
        assertThat(listed.get(gone).path("active").asBoolean()).isFalse();
        assertThat(listed.get(kept).path("expired").asBoolean()).isFalse();
        assertThat(exceptions.activeFor(id)).extracting(RuleException::id).containsExactly(kept);
        assertThat(exceptions.activeForAll().get(id)).extracting(RuleException::id).containsExactly(kept);
        assertThat(exceptions.forRule(id)).hasSize(2);
        assertThat(exceptions.find(id, kept).orElseThrow().filter().rules()).containsExactly(id);

        // an editor may still end an exception by setting its expiry to today (a replace, not a create)
        exchange(http.put().uri(base(id) + "/" + kept).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "*").body(body(DETECTION, "Kept", "ended", today, null)), 200);
        assertThat(exceptions.activeFor(id)).isEmpty();
        assertThat(exceptions.activeForAll()).doesNotContainKey(id);
    }

    // ------------------------------------------------------------------ helpers

    String newRule() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id)), 201);
        return id;
    }

    static String base(String ruleId) {
        return "/api/rules/" + ruleId + "/exceptions";
    }

    static String body(String yaml, String title, String reason, LocalDate expires, String ticket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("yaml", yaml);
        body.put("title", title);
        body.put("reason", reason);
        body.put("expires", expires == null ? null : expires.toString());
        body.put("ticket", ticket);
        return JSON.writeValueAsString(body);
    }

    List<AuditEntry> entries(String ruleId, String exceptionId) {
        return audit.search(new AuditQuery(null, null, "rule-exception", ruleId + "/" + exceptionId, null, null), 0,
                50).entries();
    }
}
