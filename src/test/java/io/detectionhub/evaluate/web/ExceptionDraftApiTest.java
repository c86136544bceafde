package io.detectionhub.evaluate.web;

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

import java.net.http.HttpResponse;
import java.util.Map;

import static io.detectionhub.evaluate.ExceptionsAppliedEverywhereTest.BUILD;
import static io.detectionhub.evaluate.ExceptionsAppliedEverywhereTest.OTHER;
import static io.detectionhub.evaluate.ExceptionsAppliedEverywhereTest.RULE;
import static io.detectionhub.evaluate.ExceptionsAppliedEverywhereTest.RULE_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/rules/{id}/exceptions/draft}: "Suppress matches like this" for scripts. The draft of the build
 * server's event, posted back as an exception, suppresses that event and leaves another; an event the rule does not
 * match drafts nothing (422); a viewer may not draft (403).
 */
@AppTest
class ExceptionDraftApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @AfterEach
    void purge() {
        editor.delete("/api/rules/" + RULE_ID);
        new TestApi(port, credentials.bearer(Role.ADMIN)).delete("/api/trash/" + RULE_ID);
    }

    @Test
    void theDraftOfAMatchedEventSuppressesThatEventOnceSaved() {
        HttpResponse<String> drafted = post(editor, "/api/rules/" + RULE_ID + "/exceptions/draft", JSON.writeValueAsString(BUILD));

        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(200);
        JsonNode draft = JSON.readTree(drafted.body());
        assertThat(draft.get("yaml").asString()).contains("rules:", RULE_ID, "condition: 'not selection'",
                "ParentImage: 'C:\\Tools\\deploy.exe'", "User: 'CORP\\svc_build'");
        assertThat(draft.at("/selection/CommandLine").asString()).isEqualTo(BUILD.get("CommandLine"));

        HttpResponse<String> saved = post(editor, "/api/rules/" + RULE_ID + "/exceptions", JSON.writeValueAsString(
                Map.of("yaml", draft.get("yaml").asString(), "title", draft.get("title").asString(),
                        "reason", "the nightly build")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode result = JSON.readTree(post(editor, "/api/rules/" + RULE_ID + "/evaluate",
                JSON.writeValueAsString(java.util.List.of(BUILD, OTHER))).body());
        assertThat(result.get("suppressed")).hasSize(1);
        assertThat(result.at("/suppressed/0/eventIndex").asLong()).isZero();
        assertThat(result.get("matches")).hasSize(1);
        assertThat(result.at("/matches/0/eventIndex").asLong()).isEqualTo(1);

        // drafting again from the now suppressed event still works: the rule is run without its exceptions
        assertThat(post(editor, "/api/rules/" + RULE_ID + "/exceptions/draft", JSON.writeValueAsString(BUILD))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anEventTheRuleMissesDraftsNothingAndViewersMayNotDraft() {
        HttpResponse<String> missed = post(editor, "/api/rules/" + RULE_ID + "/exceptions/draft",
                "{\"Image\": \"C:\\\\Windows\\\\notepad.exe\", \"CommandLine\": \"notepad\"}");
        assertThat(missed.statusCode()).isEqualTo(422);
        assertThat(missed.body()).contains("does not match this event");
        assertThat(post(editor, "/api/rules/no-such-rule/exceptions/draft", "{}").statusCode()).isEqualTo(404);
        TestApi viewer = new TestApi(port, credentials.bearer(Role.VIEWER));
        assertThat(post(viewer, "/api/rules/" + RULE_ID + "/exceptions/draft", JSON.writeValueAsString(BUILD))
                .statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> post(TestApi api, String path, String json) {
        return api.send("POST", path, "application/json", json, Map.of());
    }
}
