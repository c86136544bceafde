package io.detectionhub.library.web;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The History tab, revert, the trash, restore and purge as pages, through the real HTTP stack with sessions signed in
 * through the sign-in form (CSRF tokens and all), as a viewer, an editor and an admin.
 */
@AppTest
class RevisionPagesHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    static String rule(String id, String description, String image) {
        return """
                title: History page test
                id: %s
                status: test
                description: '%s'
                logsource:
                    category: process_creation
                    product: linux
                detection:
                    selection:
                        Image|endswith: '%s'
                    condition: selection
                level: medium
                """.formatted(id, description, image);
    }

    @Test
    void historyDiffRevertTrashRestoreAndPurge() {
        TestApi api = new TestApi(port, credentials.bearer(Role.ADMIN));
        String id = UUID.randomUUID().toString();
        api.createRule(rule(id, "Bash starts.", "/bash"));
        HttpResponse<String> replaced = api.send("PUT", "/api/rules/" + id + "?comment=hostile", "application/yaml",
                rule(id, "<script>alert(1)</script> starts.", "/zsh"), Map.of("If-Match", "*"));
        assertThat(replaced.statusCode()).isEqualTo(200);

        SignedInSession viewer = session(Role.VIEWER);
        SignedInSession editor = session(Role.EDITOR);
        SignedInSession admin = session(Role.ADMIN);

        assertThat(viewer.get("/rules/" + id).body()).contains("id=\"tab-history\"", "/rules/" + id + "/history");
        HttpResponse<String> history = viewer.get("/rules/" + id + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("id=\"revision-1\"", "id=\"revision-2\"", "Changes from revision 1 to 2",
                        "id=\"yaml-diff\"", "&#39;/<del>bash</del>&#39;", "&#39;/<ins>zsh</ins>&#39;",
                        "&lt;script&gt;alert(1)&lt;/script&gt;", "hostile", credentials.keyActor(Role.ADMIN))
                .doesNotContain("<script>alert(1)").doesNotContain("Revert to this…");
        assertThat(viewer.get("/rules/" + id + "/history?from=0&to=1").body()).contains("Revision 1 (the first)");
        assertThat(viewer.get("/rules/" + id + "/history/1").body()).contains("Image|endswith: &#39;/bash&#39;");
        assertThat(viewer.get("/rules/" + id + "/history?from=1&to=9").statusCode()).isEqualTo(404);
        assertThat(viewer.get("/rules/" + id + "/revert?to=1").statusCode()).isEqualTo(403);

        assertThat(editor.get("/rules/" + id + "/history").body()).contains("Revert to this…");
        HttpResponse<String> confirm = editor.get("/rules/" + id + "/revert?to=1");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Revert to revision 1?", "name=\"version\" value=\"1\"",
                "&#39;/<del>zsh</del>&#39;");
        String token = SignedInSession.csrfTokenIn(confirm.body());
        assertThat(viewer.postForm("/rules/" + id + "/revert?to=1", Map.of("version", "1",
                "_csrf", viewer.csrfTokenOf("/rules/" + id))).statusCode()).isEqualTo(403);
        assertThat(editor.postForm("/rules/" + id + "/revert?to=1", Map.of("version", "1")).statusCode())
                .isEqualTo(403);
        HttpResponse<String> stale = editor.postForm("/rules/" + id + "/revert?to=1", Map.of("version", "0",
                "_csrf", token));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by " + credentials.keyActor(Role.ADMIN));
        HttpResponse<String> reverted = editor.postForm("/rules/" + id + "/revert?to=1", Map.of("version", "1",
                "comment", "back to bash", "_csrf", token));
        assertThat(reverted.statusCode()).isEqualTo(302);
        assertThat(reverted.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/rules/" + id + "/history?notice=reverted"));
        assertThat(editor.get("/rules/" + id + "/history?notice=reverted").body()).contains("The rule was reverted",
                "id=\"revision-3\"", "Reverted to revision 1: back to bash", TestCredentials.username(Role.EDITOR));
        assertThat(api.get("/api/rules/" + id).body()).contains("Bash starts.");

        HttpResponse<String> deleted = editor.postForm("/rules/" + id + "/delete", Map.of("version", "2",
                "comment", "not needed", "_csrf", token));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(viewer.get("/trash").statusCode()).isEqualTo(403);
        HttpResponse<String> trash = editor.get("/trash");
        assertThat(trash.body()).contains("id=\"trashed-" + id + "\"", "History page test")
                .doesNotContain("/trash/" + id + "/purge");
        assertThat(editor.get("/rules/" + id + "/history").body()).contains("id=\"in-trash\"", "not needed");
        HttpResponse<String> restored = editor.postForm("/trash/" + id + "/restore", Map.of("_csrf", token));
        assertThat(restored.statusCode()).isEqualTo(302);
        assertThat(editor.get("/rules/" + id + "/history?notice=restored").body())
                .contains("restored from the trash", "id=\"revision-5\"");
        assertThat(editor.get("/rules/" + id).statusCode()).isEqualTo(200);

        assertThat(api.delete("/api/rules/" + id).statusCode()).isEqualTo(204);
        assertThat(editor.get("/trash/" + id + "/purge").statusCode()).isEqualTo(403);
        assertThat(admin.get("/trash").body()).contains("/trash/" + id + "/purge");
        HttpResponse<String> purgePage = admin.get("/trash/" + id + "/purge");
        assertThat(purgePage.body()).contains("Purge this rule for good?");
        HttpResponse<String> purged = admin.postForm("/trash/" + id + "/purge",
                Map.of("_csrf", SignedInSession.csrfTokenIn(purgePage.body())));
        assertThat(purged.statusCode()).isEqualTo(302);
        assertThat(admin.get("/trash?notice=purged").body()).contains("purged for good")
                .doesNotContain("trashed-" + id);
        assertThat(admin.get("/rules/" + id + "/history").statusCode()).isEqualTo(404);
    }

    private SignedInSession session(Role role) {
        credentials.bearer(role);
        return new SignedInSession(port).signedInAs(TestCredentials.username(role), TestCredentials.password(role));
    }

    @SuppressWarnings("unused")
    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }
}
