package io.detectionhub.library.workflow;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review of an edited approved rule shows, beside the YAML diff, the sections other modules contribute: the KQL
 * of every built-in and user target, approved against current (a diff when it changed, the reason when the current
 * text cannot be translated), and the rule's test cases run on the current text with how they did on the approved
 * one; over the API ({@code GET /api/rules/{id}/review/sections}) and on the Review page.
 */
@AppTest
class ReviewSectionsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HIT = "{\"Image\": \"C:\\\\Windows\\\\System32\\\\certutil.exe\", "
            + "\"CommandLine\": \"certutil -urlcache -f http://x/a.exe a.exe\"}";
    static final String QUIET = "{\"Image\": \"C:\\\\Windows\\\\System32\\\\certutil.exe\", "
            + "\"CommandLine\": \"certutil -hashfile a.exe SHA256\"}";
    static final List<String> BUILT_IN = List.of("sentinel-asim", "defender-xdr", "azure-monitor", "sentinel");

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    TestApi admin;
    TestApi editor;
    TestApi viewer;
    String userTarget;
    final List<String> created = new ArrayList<>();

    static String rule(String id, String logsource, String value) {
        return """
                title: Certutil review %s
                id: %s
                status: test
                logsource: %s
                detection:
                    selection_img:
                        Image|endswith: '\\certutil.exe'
                    selection_cli:
                        CommandLine|contains: '%s'
                    condition: all of selection_*
                level: high
                """.formatted(value, id, logsource, value);
    }

    static final String WINDOWS = "{product: windows, category: process_creation}";

    @BeforeEach
    void clients() {
        admin = new TestApi(port, credentials.bearer(Role.ADMIN));
        editor = new TestApi(port, credentials.bearer(Role.EDITOR));
        viewer = new TestApi(port, credentials.bearer(Role.VIEWER));
        userTarget = "review-edr-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> target = admin.send("POST", "/api/targets", "application/json", """
                {"name": "%s", "unmapped-fields": "passthrough",
                 "logsources": [{"table": "MyEdr_CL", "reason": "all to one table"}],
                 "tables": {"MyEdr_CL": {"fields": {"Image": "ProcessPath"}}}}
                """.formatted(userTarget), Map.of());
        assertThat(target.statusCode()).as(target.body()).isEqualTo(201);
    }

    /** Nothing of this test stays waiting on the shared Review page, and no user target stays for other tests. */
    @AfterEach
    void cleanUp() {
        created.forEach(id -> admin.delete("/api/rules/" + id));
        admin.delete("/api/targets/" + userTarget);
    }

    /** Created by the admin key, submitted, approved by the editor key (four-eyes), then edited by the admin key. */
    String approvedThenEdited(String approvedYaml, String editedYaml, boolean withCases) {
        String id = admin.createRule(approvedYaml);
        created.add(id);
        if (withCases) {
            addCase(id, "downloads", HIT, "match");
            addCase(id, "hashes quietly", QUIET, "no-match");
        }
        assertThat(admin.send("POST", "/api/rules/" + id + "/review/submit", null, (String) null, Map.of())
                .statusCode()).isEqualTo(200);
        HttpResponse<String> approved = editor.send("POST", "/api/rules/" + id + "/review/approve", null,
                (String) null, Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> edited = admin.putYaml("/api/rules/" + id, editedYaml, "*");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        return id;
    }

    long addCase(String id, String name, String event, String expectation) {
        HttpResponse<String> r = admin.send("POST", "/api/rules/" + id + "/tests", "application/json",
                "{\"name\": \"" + name + "\", \"events\": [" + event + "], \"expectation\": \"" + expectation + "\"}",
                Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asLong();
    }

    JsonNode sections(String id) {
        HttpResponse<String> r = viewer.get("/api/rules/" + id + "/review/sections");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode section(JsonNode detail, String name) {
        return detail.path("sections").valueStream().filter(s -> s.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no section " + name + " in " + detail));
    }

    static JsonNode item(JsonNode section, String key) {
        return section.path("items").valueStream().filter(i -> i.path("key").asString().equals(key))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + key + " in " + section));
    }

    @Test
    void anEditedApprovedRuleShowsItsKqlDiffPerTargetAndWhichTestCaseItBreaks() {
        String id = UUID.randomUUID().toString();
        approvedThenEdited(rule(id, WINDOWS, "urlcache"), rule(id, WINDOWS, "verifyctl"), true);

        JsonNode detail = sections(id);
        assertThat(detail.path("status").path("state").asString()).isEqualTo("in-review");
        int approvedRevision = detail.path("status").path("approvedRevision").asInt();
        assertThat(detail.path("sections").valueStream().map(s -> s.path("name").asString()).toList())
                .containsExactly("kql", "tests");

        JsonNode kql = section(detail, "kql");
        assertThat(kql.path("status").asString()).isEqualTo("changed");
        List<String> targets = kql.path("items").valueStream().map(i -> i.path("key").asString()).toList();
        assertThat(targets).containsAll(BUILT_IN).contains(userTarget);
        for (String target : List.of("sentinel-asim", userTarget)) {
            JsonNode asim = item(kql, target);
            assertThat(asim.path("state").asString()).as(target).isEqualTo("changed");
            String unified = asim.path("diff").path("unified").asString();
            assertThat(unified).as(target).startsWith("--- revision " + approvedRevision + " (approved)\n"
                    + "+++ current\n");
            assertThat(unified.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")))
                    .as(target).anyMatch(l -> l.contains("urlcache")).noneMatch(l -> l.contains("verifyctl"));
            assertThat(unified.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")))
                    .as(target).anyMatch(l -> l.contains("verifyctl")).noneMatch(l -> l.contains("urlcache"));
            assertThat(asim.path("diff").has("rows")).as("rows are for the page").isFalse();
        }
        assertThat(kql.path("summary").asString()).contains("differs from revision " + approvedRevision);

        JsonNode tests = section(detail, "tests");
        assertThat(tests.path("status").asString()).isEqualTo("failed");
        assertThat(tests.path("summary").asString()).isEqualTo("1 of 2 test cases pass with the current text (2 "
                + "with the approved revision " + approvedRevision + "); 1 starts failing with this change.");
        JsonNode broken = tests.path("items").valueStream().filter(i -> i.path("label").asString()
                .equals("downloads")).findFirst().orElseThrow();
        assertThat(broken.path("state").asString()).isEqualTo("failed");
        assertThat(broken.path("message").asString()).contains("expected at least 1 match, got 0");
        assertThat(broken.path("note").asString()).contains("this change breaks it");
        assertThat(broken.path("link").path("href").asString())
                .isEqualTo("/rules/" + id + "/tests?run=true#why-" + broken.path("key").asString());
        JsonNode quiet = tests.path("items").valueStream().filter(i -> i.path("label").asString()
                .equals("hashes quietly")).findFirst().orElseThrow();
        assertThat(quiet.path("state").asString()).isEqualTo("passed");
        assertThat(quiet.path("note").isNull()).isTrue();
    }

    @Test
    void aTargetThatCannotTranslateTheCurrentTextSaysWhyAndARuleWithoutCasesLinksToTheTestsTab() {
        String id = UUID.randomUUID().toString();
        approvedThenEdited(rule(id, WINDOWS, "urlcache"), rule(id, "{product: acme, service: widget}", "urlcache"),
                false);

        JsonNode kql = section(sections(id), "kql");
        JsonNode asim = item(kql, "sentinel-asim");
        assertThat(asim.path("state").asString()).isEqualTo("untranslatable");
        assertThat(asim.path("message").asString()).startsWith("The current text cannot be translated: ")
                .endsWith("(the approved revision translates).");
        assertThat(asim.path("diff").path("unified").asString()).contains("+++ /dev/null");
        // the user target takes every logsource to its one table: it still translates, to a query on that table
        assertThat(item(kql, userTarget).path("state").asString()).isIn("unchanged", "changed");
        assertThat(kql.path("summary").asString()).contains("cannot translate the current text");

        JsonNode tests = section(sections(id), "tests");
        assertThat(tests.path("status").asString()).isEqualTo("none");
        assertThat(tests.path("items").isEmpty()).isTrue();
        assertThat(tests.path("links").get(0).path("href").asString()).isEqualTo("/rules/" + id + "/tests#add-test");
    }

    @Test
    void anEditThatLeavesTheKqlAndTheTestsAloneSaysSoAndThePageFoldsThoseSections() {
        String id = UUID.randomUUID().toString();
        approvedThenEdited(rule(id, WINDOWS, "urlcache"), rule(id, WINDOWS, "urlcache").replace("level: high",
                "level: medium"), true);
        JsonNode detail = sections(id);
        int approvedRevision = detail.path("status").path("approvedRevision").asInt();
        JsonNode kql = section(detail, "kql");
        assertThat(kql.path("status").asString()).isEqualTo("unchanged");
        assertThat(kql.path("summary").asString()).isEqualTo("The KQL is the same as revision " + approvedRevision
                + "'s for all " + kql.path("items").size() + " targets.");
        assertThat(kql.path("items").valueStream().map(i -> i.path("state").asString())).containsOnly("unchanged");
        assertThat(kql.path("items").valueStream().filter(i -> !i.path("diff").isNull())).isEmpty();
        JsonNode tests = section(detail, "tests");
        assertThat(tests.path("status").asString()).isEqualTo("passed");
        assertThat(tests.path("summary").asString()).isEqualTo("2 of 2 test cases pass with the current text (2 with "
                + "the approved revision " + approvedRevision + ").");

        String page = new SignedInSession(port).signedInAs(TestCredentials.username(Role.EDITOR),
                TestCredentials.password(Role.EDITOR)).get("/review?rule=" + id).body();
        for (String name : List.of("kql", "tests")) {
            String section = page.substring(page.indexOf("id=\"review-" + id + "-" + name + "\""));
            String details = section.substring(section.indexOf("<details"), section.indexOf(">",
                    section.indexOf("<details")));
            assertThat(details).as(name + " needs no attention: folded").doesNotContain("open");
        }
        assertThat(page).doesNotContain("id=\"diff-" + id + "-kql-");
    }

    @Test
    void aRuleNeverApprovedShowsEveryQueryAsNew() {
        String id = admin.createRule(rule(UUID.randomUUID().toString(), WINDOWS, "urlcache"));
        created.add(id);
        JsonNode detail = sections(id);
        assertThat(detail.path("status").path("approvedRevision").isNull()).isTrue();
        JsonNode asim = item(section(detail, "kql"), "sentinel-asim");
        assertThat(asim.path("state").asString()).isEqualTo("new");
        assertThat(asim.path("diff").path("unified").asString()).startsWith("--- /dev/null\n+++ current\n");
        assertThat(section(detail, "kql").path("summary").asString()).startsWith("Never approved");
        assertThat(viewer.get("/api/rules/no-such-rule/review/sections").statusCode()).isEqualTo(404);
    }

    @Test
    void theReviewPageShowsTheKqlDiffAndTheTestResultsWithTheirExplanation() {
        String id = UUID.randomUUID().toString();
        approvedThenEdited(rule(id, WINDOWS, "urlcache"), rule(id, WINDOWS, "verifyctl"), true);
        long caseId = section(sections(id), "tests").path("items").valueStream()
                .filter(i -> i.path("label").asString().equals("downloads")).findFirst().orElseThrow()
                .path("key").asLong();
        SignedInSession session = new SignedInSession(port)
                .signedInAs(TestCredentials.username(Role.EDITOR), TestCredentials.password(Role.EDITOR));

        HttpResponse<String> page = session.get("/review?rule=" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"review-" + id + "\"", "id=\"yaml-diff\"",
                "id=\"review-" + id + "-kql\"", "id=\"diff-" + id + "-kql-sentinel-asim\"",
                "id=\"diff-" + id + "-kql-" + userTarget + "\"", "<ins>verifyctl</ins>", "<del>urlcache</del>",
                "id=\"review-" + id + "-tests\"", "1 of 2 test cases pass with the current text",
                "data-item=\"" + caseId + "\" data-state=\"failed\"", "this change breaks it",
                "href=\"/rules/" + id + "/tests?run=true#why-" + caseId + "\"",
                "name=\"action\" value=\"approve\"");

        // the explanation the link leads to
        HttpResponse<String> why = session.get("/rules/" + id + "/tests?run=true");
        assertThat(why.statusCode()).isEqualTo(200);
        assertThat(why.body()).contains("id=\"why-" + caseId + "\"", "1 of 2 passed", "did not fire on event #1");

        // the whole queue: the rule is there, with its sections or a link to them
        assertThat(session.get("/review").body()).contains("id=\"review-" + id + "\"")
                .containsAnyOf("id=\"review-" + id + "-kql\"", "id=\"review-open-" + id + "\"");
        assertThat(session.get("/review?rule=no-such-rule").statusCode()).isEqualTo(404);
    }
}
