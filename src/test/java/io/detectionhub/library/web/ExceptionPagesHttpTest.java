package io.detectionhub.library.web;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Exceptions tab as pages, through the real HTTP stack with sessions signed in through the sign-in form: a viewer
 * sees, an editor adds (a form post, a problem shown in the form with what was typed), edits, deletes with a
 * confirmation; the pre-filled form saves nothing; expired exceptions are flagged; History shows the change.
 */
@AppTest
class ExceptionPagesHttpTest {

    private static final Pattern EXCEPTION_ROW = Pattern.compile("id=\"exception-([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    JdbcClient jdbc;

    @Test
    void viewerSeesEditorAddsEditsAndDeletes() {
        TestApi api = new TestApi(port, credentials.bearer(Role.ADMIN));
        String id = UUID.randomUUID().toString();
        api.createRule(RevisionPagesHttpTest.rule(id, "Bash starts.", "/bash"));
        SignedInSession viewer = session(Role.VIEWER);
        SignedInSession editor = session(Role.EDITOR);

        assertThat(viewer.get("/rules/" + id).body()).contains("id=\"tab-exceptions\"", "/rules/" + id + "/exceptions");
        HttpResponse<String> empty = viewer.get("/rules/" + id + "/exceptions");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"no-exceptions\"", "<h1>History page test</h1>")
                .doesNotContain("id=\"new-exception\"");
        assertThat(viewer.get("/rules/" + id + "/exceptions/new").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/rules/" + UUID.randomUUID() + "/exceptions").statusCode()).isEqualTo(404);

        HttpResponse<String> form = editor.get("/rules/" + id + "/exceptions/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"exception-form\"", "condition: not selection", "<h1>History page test</h1>");
        String token = SignedInSession.csrfTokenIn(form.body());

        // a problem re-renders the form with the message and what was typed
        HttpResponse<String> bad = editor.postForm("/rules/" + id + "/exceptions", Map.of("_csrf", token,
                "title", "Backup <agent>", "reason", "nightly backups", "yaml",
                "selection:\n    ParentImage|nosuch: x\ncondition: not selection\n"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"exception-problems\"", "nosuch", "Backup &lt;agent&gt;",
                "nightly backups");
        HttpResponse<String> noReason = editor.postForm("/rules/" + id + "/exceptions", Map.of("_csrf", token,
                "title", "t", "reason", "", "yaml", "selection:\n    User: x\ncondition: not selection\n"));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("&#39;reason&#39; is required");

        HttpResponse<String> created = editor.postForm("/rules/" + id + "/exceptions", Map.of("_csrf", token,
                "title", "Backup <agent>", "reason", "nightly backups", "ticket", "SEC-7",
                "expires", LocalDate.now(ZoneOffset.UTC).plusDays(10).toString(), "comment", "tuning",
                "yaml", "selection:\n    ParentImage|endswith: '/backup-agent'\ncondition: not selection\n"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/rules/" + id + "/exceptions?notice=created"));
        HttpResponse<String> list = viewer.get("/rules/" + id + "/exceptions?notice=created");
        assertThat(list.body()).contains("The exception was added", "Backup &lt;agent&gt;", "nightly backups",
                        "SEC-7", TestCredentials.username(Role.EDITOR), "ParentImage|endswith")
                .doesNotContain("Backup <agent>").doesNotContain("no longer applied")
                .doesNotContain("/edit\"");
        Matcher row = EXCEPTION_ROW.matcher(list.body());
        assertThat(row.find()).isTrue();
        String exceptionId = row.group(1);
        assertThat(editor.get("/rules/" + id + "/exceptions").body())
                .contains("/rules/" + id + "/exceptions/" + exceptionId + "/edit");

        HttpResponse<String> edit = editor.get("/rules/" + id + "/exceptions/" + exceptionId + "/edit");
        assertThat(edit.body()).contains("name=\"version\" value=\"1\"", "id: " + exceptionId, "SEC-7");
        HttpResponse<String> stale = editor.postForm("/rules/" + id + "/exceptions/" + exceptionId + "/edit",
                Map.of("_csrf", token, "version", "0", "title", "Backup agent", "reason", "renamed", "yaml",
                        "selection:\n    ParentImage|endswith: '/backup-agent2'\ncondition: not selection\n"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed since you opened the form", "name=\"version\" value=\"1\"",
                "backup-agent2");
        HttpResponse<String> saved = editor.postForm("/rules/" + id + "/exceptions/" + exceptionId + "/edit",
                Map.of("_csrf", token, "version", "1", "title", "Backup agent", "reason", "renamed", "yaml",
                        "selection:\n    ParentImage|endswith: '/backup-agent2'\ncondition: not selection\n"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/rules/" + id + "/exceptions/" + exceptionId).body()).contains("backup-agent2",
                "renamed");

        // History shows the exception changes with their diff
        HttpResponse<String> history = viewer.get("/rules/" + id + "/history");
        assertThat(history.body()).contains("exceptions-changed", "Exception &#39;Backup &lt;agent&gt;&#39; created: tuning",
                "id=\"part-diff-exceptions\"", "renamed");
        assertThat(viewer.get("/rules/" + id + "/history/1").body()).contains("id=\"revision-part-exceptions\"",
                "No exceptions in this revision.");
        assertThat(viewer.get("/rules/" + id + "/history/2").body()).contains("nightly backups");

        // an expired exception is flagged as no longer applied
        jdbc.sql("UPDATE rule_exception SET expires = :d WHERE id = :id")
                .param("d", LocalDate.now(ZoneOffset.UTC).minusDays(1)).param("id", exceptionId).update();
        assertThat(viewer.get("/rules/" + id + "/exceptions").body()).contains("exception-expired",
                "expired · no longer applied");

        HttpResponse<String> confirm = editor.get("/rules/" + id + "/exceptions/" + exceptionId + "/delete");
        assertThat(confirm.body()).contains("Delete this exception?", "name=\"version\" value=\"2\"");
        assertThat(viewer.postForm("/rules/" + id + "/exceptions/" + exceptionId + "/delete", Map.of("version", "2",
                "_csrf", viewer.csrfTokenOf("/rules/" + id))).statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = editor.postForm("/rules/" + id + "/exceptions/" + exceptionId + "/delete",
                Map.of("_csrf", token, "version", "2", "comment", "agent gone"));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(viewer.get("/rules/" + id + "/exceptions?notice=deleted").body())
                .contains("The exception was deleted", "id=\"no-exceptions\"");
    }

    @Test
    void thePrefilledFormSavesNothing() {
        TestApi api = new TestApi(port, credentials.bearer(Role.ADMIN));
        String id = UUID.randomUUID().toString();
        api.createRule(RevisionPagesHttpTest.rule(id, "Bash starts.", "/bash"));
        SignedInSession editor = session(Role.EDITOR);
        String token = editor.csrfTokenOf("/rules/" + id + "/exceptions/new");
        HttpResponse<String> prefilled = editor.postForm("/rules/" + id + "/exceptions/new", Map.of("_csrf", token,
                "title", "Suppress bash from cron", "reason", "cron",
                "yaml", "selection:\n    ParentImage: /usr/sbin/cron\ncondition: not selection\n"));
        assertThat(prefilled.statusCode()).isEqualTo(200);
        assertThat(prefilled.body()).contains("Suppress bash from cron", "ParentImage: /usr/sbin/cron",
                "action=\"/rules/" + id + "/exceptions\"");
        assertThat(api.get("/api/rules/" + id + "/exceptions").body()).isEqualTo("[]");
        assertThat(session(Role.VIEWER).postForm("/rules/" + id + "/exceptions/new", Map.of("yaml", "x"))
                .statusCode()).isEqualTo(403);
    }

    private SignedInSession session(Role role) {
        credentials.bearer(role);
        return new SignedInSession(port).signedInAs(TestCredentials.username(role), TestCredentials.password(role));
    }
}
