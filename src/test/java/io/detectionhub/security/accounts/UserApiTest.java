package io.detectionhub.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code /api/admin/users}: what the users page does, over the API, with problem details for every refusal and an
 * audit entry for every change (who is the admin's key, never a name in the body).
 */
@AppTest
class UserApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anAdminCreatesAnAccountWithAGeneratedPasswordShownOnce() {
        String name = "api-user-" + System.nanoTime();
        HttpResponse<String> created = send("POST", "/api/admin/users", admin(),
                "{\"username\": \"" + name.toUpperCase() + "\", \"role\": \"viewer\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = JSON.readTree(created.body());
        long id = user.path("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/users/" + id);
        assertThat(user.path("username").asString()).isEqualTo(name);
        assertThat(user.path("role").asString()).isEqualTo("viewer");
        assertThat(user.path("enabled").asBoolean()).isTrue();
        String password = user.path("password").asString();
        assertThat(password).hasSize(20);
        assertThat(user.path("createdBy").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));

        HttpResponse<String> one = send("GET", "/api/admin/users/" + id, admin(), null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).has("password")).as("shown once").isFalse();
        assertThat(send("GET", "/api/admin/users", admin(), null).body()).contains("\"" + name + "\"")
                .doesNotContain(password);
        assertThat(send("GET", "/api/rules?size=1", basic(name, password), null).statusCode()).isEqualTo(200);
        assertThat(audit("user.created", name)).containsExactly(credentials.keyActor(Role.ADMIN));
    }

    @Test
    void roleDisableAndPasswordResetAreAuditedAndTakeEffect() {
        String name = "api-user-" + System.nanoTime();
        String chosen = "a chosen password " + name;
        long id = JSON.readTree(send("POST", "/api/admin/users", admin(), "{\"username\": \"" + name
                + "\", \"role\": \"viewer\", \"password\": \"" + chosen + "\"}").body()).path("id").asLong();

        HttpResponse<String> role = send("PUT", "/api/admin/users/" + id + "/role", admin(), "{\"role\": \"editor\"}");
        assertThat(role.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(role.body()).path("role").asString()).isEqualTo("editor");
        assertThat(audit("user.role-changed", name)).hasSize(1);

        HttpResponse<String> disabled = send("PUT", "/api/admin/users/" + id + "/enabled", admin(),
                "{\"enabled\": false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).path("enabled").asBoolean()).isFalse();
        assertThat(send("GET", "/api/rules?size=1", basic(name, chosen), null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/api/admin/users/" + id + "/enabled", admin(), "{\"enabled\": true}").statusCode())
                .isEqualTo(200);
        assertThat(audit("user.disabled", name)).hasSize(1);
        assertThat(audit("user.enabled", name)).hasSize(1);

        HttpResponse<String> reset = send("POST", "/api/admin/users/" + id + "/password", admin(), "{}");
        assertThat(reset.statusCode()).isEqualTo(200);
        String generated = JSON.readTree(reset.body()).path("password").asString();
        assertThat(generated).hasSize(20);
        assertThat(send("GET", "/api/rules?size=1", basic(name, chosen), null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/rules?size=1", basic(name, generated), null).statusCode()).isEqualTo(200);
        assertThat(audit("user.password-reset", name)).hasSize(1);
    }

    @Test
    void refusalsAreProblemDetails() {
        String taken = TestCredentials.username(Role.VIEWER);
        credentials.bearer(Role.VIEWER); // the test accounts exist
        assertProblem(send("POST", "/api/admin/users", admin(), "{\"username\": \"" + taken
                + "\", \"role\": \"viewer\"}"), 409, "user-name-taken");
        assertProblem(send("POST", "/api/admin/users", admin(), "{\"username\": \"x-" + System.nanoTime()
                + "\", \"role\": \"owner\"}"), 400, "invalid-user-request");
        assertProblem(send("POST", "/api/admin/users", admin(), "{\"username\": \"x-" + System.nanoTime()
                + "\", \"role\": \"viewer\", \"password\": \"short\"}"), 400, "invalid-user-request");
        assertProblem(send("POST", "/api/admin/users", admin(), "{\"username\": \"no spaces\", \"role\": \"viewer\"}"),
                400, "invalid-user-request");
        assertProblem(send("PUT", "/api/admin/users/999999999/role", admin(), "{\"role\": \"viewer\"}"), 404,
                "user-not-found");
        long viewer = JSON.readTree(send("GET", "/api/admin/users", admin(), null).body()).valueStream()
                .filter(u -> u.path("username").asString().equals(taken)).findFirst().orElseThrow().path("id")
                .asLong();
        assertProblem(send("PUT", "/api/admin/users/" + viewer + "/enabled", admin(), "{}"), 400,
                "invalid-user-request");

        long me = JSON.readTree(send("GET", "/api/admin/users", admin(), null).body()).valueStream()
                .filter(u -> u.path("username").asString().equals(TestCredentials.username(Role.ADMIN)))
                .findFirst().orElseThrow().path("id").asLong();
        assertProblem(send("PUT", "/api/admin/users/" + me + "/enabled", credentials.basic(Role.ADMIN),
                "{\"enabled\": false}"), 409, "own-account");
        assertThat(send("GET", "/api/admin/users", credentials.bearer(Role.EDITOR), null).statusCode())
                .isEqualTo(403);
    }

    private String admin() {
        return credentials.bearer(Role.ADMIN);
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> audit(String action, String objectId) {
        return jdbc.sql("SELECT actor FROM audit_entry WHERE action = :a AND object_id = :o ORDER BY id")
                .param("a", action).param("o", objectId).query(String.class).list();
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("type").asString())
                .isEqualTo("https://detectionhub.io/problems/" + type);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
