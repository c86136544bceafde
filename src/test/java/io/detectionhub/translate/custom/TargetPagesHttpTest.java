package io.detectionhub.translate.custom;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The targets pages and the explanation on the rule page, through the real HTTP stack. */
@EmptyLibraryTest
class TargetPagesHttpTest {

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    private HttpClient signedInClient;

    @Test
    void listCopyCreateEditHistoryDelete() {
        HttpResponse<String> list = get("/targets");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("sentinel-asim", "defender-xdr", "azure-monitor", "Your targets");

        HttpResponse<String> copy = get("/targets/new?copy=defender-xdr");
        assertThat(copy.body()).contains("name: my-defender-xdr").contains("/api/targets/validate");

        HttpResponse<String> created = post("/targets/new", Map.of("definition", TargetFiles.myEdr("page-edr"),
                "changedBy", "dana", "comment", "first"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/targets/page-edr?notice=created"));

        HttpResponse<String> page = get("/targets/page-edr?notice=created");
        // the history names the signed-in principal, not a name the form sends
        assertThat(page.body()).contains("Target created.", "Target: page-edr", credentials.keyActor(Role.ADMIN),
                "MyEdr_CL", "target-history").doesNotContain("dana");

        String hostile = TargetFiles.myEdr("page-edr").replace("description: Process events of our EDR in MyEdr_CL",
                "description: <script>alert(1)</script>").replace("Image: ProcessPath", "Image: \"<img src=x onerror=alert(2)>\"");
        HttpResponse<String> invalid = post("/targets/page-edr", Map.of("definition", hostile, "version", "1"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
                .contains("&lt;img src=x onerror=alert(2)&gt;");

        String typed = TargetFiles.myEdr("page-edr").replace("Process events of our EDR", "Typed while someone saved");
        HttpResponse<String> stale = post("/targets/page-edr", Map.of("definition", typed, "version", "7"));
        assertThat(stale.statusCode()).isEqualTo(409);
        // who changed it, their version and what was typed, and their version number for the next save
        assertThat(stale.body()).contains("Changed by " + credentials.keyActor(Role.ADMIN) + " meanwhile", "id=\"their-definition\"",
                "Process events of our EDR", "Typed while someone saved", "name=\"version\" value=\"1\"");
        assertThat(post("/targets/page-edr", Map.of("definition", typed)).statusCode()).isEqualTo(409);

        HttpResponse<String> saved = post("/targets/page-edr", Map.of("definition",
                TargetFiles.myEdr("page-edr").replace("refuse", "drop"), "version", "1", "changedBy", "erin", "comment", "drop"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(get("/targets").body()).contains("page-edr", credentials.keyActor(Role.ADMIN)).doesNotContain("erin");

        assertThat(get("/targets/page-edr/delete").body()).contains("Delete this target?");
        HttpResponse<String> staleDelete = post("/targets/page-edr/delete", Map.of("changedBy", "erin", "version", "1"));
        assertThat(staleDelete.statusCode()).isEqualTo(409);
        assertThat(staleDelete.body()).contains("changed by " + credentials.keyActor(Role.ADMIN), "now at version 2", "name=\"version\" value=\"2\"");
        assertThat(get("/targets/page-edr").statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = post("/targets/page-edr/delete", Map.of("changedBy", "erin", "version", "2"));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(get("/targets/page-edr").statusCode()).isEqualTo(404);
    }

    @Test
    void builtInPageIsReadOnlyWithACopyLink() {
        HttpResponse<String> page = get("/targets/sentinel-asim");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Built-in target: sentinel-asim", "/targets/new?copy=sentinel-asim", "imProcessCreate");
    }

    @Test
    void rulePageShowsHowEachQueryWasMade() {
        HttpResponse<String> stored = send(HttpRequest.newBuilder(uri("/api/rules"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(TargetFiles.read("ssh_shell.yml"))).build());
        assertThat(stored.statusCode()).isIn(201, 409);
        HttpResponse<String> page = get("/rules/8737b7f6-8df3-4bb7-b1da-06019b99b687");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("How this query was made", "TargetProcessName", "mapped to");
        assertThat(post("/targets/new", Map.of("definition", TargetFiles.myEdr("rule-page-edr"))).statusCode()).isEqualTo(302);
        assertThat(get("/rules/8737b7f6-8df3-4bb7-b1da-06019b99b687").body())
                .contains("Translate with one of your targets", "<option value=\"rule-page-edr\">rule-page-edr</option>");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client signed in as the test admin (its API key). */
    private HttpClient http() {
        if (signedInClient == null) {
            signedInClient = credentials.http(Role.ADMIN);
        }
        return signedInClient;
    }
}
