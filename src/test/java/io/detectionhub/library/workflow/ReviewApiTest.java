package io.detectionhub.library.workflow;

import io.detectionhub.audit.AuditLog;
import io.detectionhub.audit.AuditQuery;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static io.detectionhub.testsupport.ApiExchanges.exchange;
import static io.detectionhub.testsupport.ApiExchanges.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review workflow through the API and the pages with two different users: draft -> in review -> approved, the
 * four-eyes rule refusing a self-approval, an edit of an approved rule going back to review while the approved
 * revision stays the exported one, send back with a comment, retire and reopen; revisions and audit entries.
 */
@AppTest
class ReviewApiTest {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Autowired
    RestTestClient http;

    @Autowired
    TestCredentials credentials;

    @Autowired
    RuleReview review;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    static String rule(String id, String image) {
        return """
                title: Review test %s
                id: %s
                logsource:
                    category: process_creation
                    product: linux
                detection:
                    selection:
                        Image|endswith: '%s'
                    condition: selection
                level: high
                """.formatted(image, id, image);
    }

    @Test
    void draftReviewApprovedWithFourEyesThenAnEditGoesBackToReview() {
        String id = UUID.randomUUID().toString();
        exchange(http.post().uri("/api/rules").contentType(YAML).body(rule(id, "/bash")), 201);
        JsonNode status = json(exchange(http.get().uri("/api/rules/" + id + "/review")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 200));
        assertThat(status.path("state").asString()).isEqualTo("draft");
        assertThat(status.path("approvedRevision").isNull()).isTrue();
        assertThat(status.path("lastAuthor").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));

        exchange(http.post().uri("/api/rules/" + id + "/review/approve"), 409);
        assertThat(json(exchange(http.post().uri("/api/rules/" + id + "/review/submit?comment={c}", "please look"),
                200)).path("state").asString()).isEqualTo("in-review");
        assertThat(json(exchange(http.get().uri("/api/review"), 200)).valueStream()
                .anyMatch(s -> s.path("ruleId").asString().equals(id))).isTrue();
        exchange(http.post().uri("/api/rules/" + id + "/review/approve")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.VIEWER)), 403);
        EntityExchangeResult<String> self = exchange(http.post().uri("/api/rules/" + id + "/review/approve"), 409);
        assertThat(json(self).path("type").asString()).isEqualTo("https://detectionhub.io/problems/four-eyes");

        JsonNode approved = json(exchange(http.post().uri("/api/rules/" + id + "/review/approve")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 200));
        assertThat(approved.path("state").asString()).isEqualTo("approved");
        int approvedRevision = approved.path("approvedRevision").asInt();
        assertThat(approvedRevision).isEqualTo(2);
        assertThat(review.approved(id)).hasValueSatisfying(r -> assertThat(r.yaml()).isEqualTo(rule(id, "/bash")));

        // an edit of the approved rule goes back to review; the approved revision stays the exported one
        exchange(http.put().uri("/api/rules/" + id).contentType(YAML).header(HttpHeaders.IF_MATCH, "*")
                .body(rule(id, "/zsh")), 200);
        status = json(exchange(http.get().uri("/api/rules/" + id + "/review"), 200));
        assertThat(status.path("state").asString()).isEqualTo("in-review");
        assertThat(status.path("approvedRevision").asInt()).isEqualTo(approvedRevision);
        assertThat(review.approved(id)).hasValueSatisfying(r -> assertThat(r.yaml()).isEqualTo(rule(id, "/bash")));

        exchange(http.post().uri("/api/rules/" + id + "/review/send-back")
                .header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 409);
        assertThat(json(exchange(http.post().uri("/api/rules/" + id + "/review/send-back?comment={c}",
                        "zsh is too broad").header(HttpHeaders.AUTHORIZATION, credentials.bearer(Role.EDITOR)), 200))
                .path("state").asString()).isEqualTo("draft");
        exchange(http.post().uri("/api/rules/" + id + "/review/nonsense"), 400);

        JsonNode history = json(exchange(http.get().uri("/api/rules/" + id + "/revisions"), 200));
        assertThat(history.valueStream().map(r -> r.path("change").asString()).toList())
                .containsExactly("sent-back", "replaced", "approved", "submitted", "created");
        assertThat(history.get(0).path("comment").asString()).isEqualTo("zsh is too broad");
        assertThat(history.get(2).path("author").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        assertThat(audit.search(new AuditQuery(credentials.keyActor(Role.EDITOR), "rule.approved", "rule", id,
                null, null), 0, 10).entries()).hasSize(1);

        assertThat(json(exchange(http.post().uri("/api/rules/" + id + "/review/retire"), 200)).path("state")
                .asString()).isEqualTo("retired");
        assertThat(review.approved(id)).isEmpty();
        exchange(http.post().uri("/api/rules/" + id + "/review/submit"), 409);
        assertThat(json(exchange(http.post().uri("/api/rules/" + id + "/review/reopen"), 200)).path("state")
                .asString()).isEqualTo("draft");
    }

    @Test
    void theReviewPageListsWhatWaitsWithItsDiffAndApprovesWithTwoUsers() {
        String id = UUID.randomUUID().toString();
        SignedInSession editor = new SignedInSession(port);
        credentials.bearer(Role.EDITOR);
        editor.signedInAs(TestCredentials.username(Role.EDITOR), TestCredentials.password(Role.EDITOR));
        SignedInSession admin = new SignedInSession(port)
                .signedInAs(TestCredentials.username(Role.ADMIN), TestCredentials.password(Role.ADMIN));
        exchange(http.post().uri("/api/rules").contentType(YAML).header(HttpHeaders.AUTHORIZATION,
                credentials.basic(Role.EDITOR)).body(rule(id, "/bash")), 201);

        String token = SignedInSession.csrfTokenIn(editor.get("/rules/" + id + "/history").body());
        HttpResponse<String> submitted = editor.postForm("/rules/" + id + "/review", Map.of("action", "submit",
                "back", "history", "_csrf", token));
        assertThat(submitted.statusCode()).isEqualTo(302);
        assertThat(editor.get("/rules/" + id + "/history?notice=submitted").body())
                .contains("submitted for review", "in-review");

        HttpResponse<String> page = editor.get("/review");
        assertThat(page.body()).contains("id=\"review-" + id + "\"", "Review test /bash", "never approved",
                "id=\"yaml-diff\"", "You made the latest change");
        HttpResponse<String> self = editor.postForm("/rules/" + id + "/review", Map.of("action", "approve",
                "back", "review", "_csrf", token));
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(self.body()).contains("someone else must approve it");

        String adminToken = SignedInSession.csrfTokenIn(admin.get("/review").body());
        HttpResponse<String> approved = admin.postForm("/rules/" + id + "/review", Map.of("action", "approve",
                "back", "review", "_csrf", adminToken));
        assertThat(approved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/review?notice=approved").body()).contains("The rule was approved.")
                .doesNotContain("id=\"review-" + id + "\"");
        assertThat(review.status(id).state()).isEqualTo("approved");
        assertThat(review.status(id).approvedRevision()).isEqualTo(2);
    }
}
