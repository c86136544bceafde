package io.detectionhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * With {@code detectionhub.security.anonymous-read=true}, callers who have not signed in browse as viewers, and still
 * cannot change anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "detectionhub.security.anonymous-read=true", "detectionhub.starter-library.enabled=false",
        "detectionhub.attack.auto-enrichment=false"})
@Import(TestCredentials.class)
class AnonymousReadTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anonymousCallersReadButNeverChange() throws Exception {
        assertThat(send("GET", "/api/rules").statusCode()).isEqualTo(200);
        HttpResponse<String> page = send("GET", "/rules");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sign-in\"").doesNotContain("href=\"/rules/new\"");
        assertThat(send("GET", "/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/rules/some-rule").statusCode()).isIn(401, 403);
        assertThat(send("GET", "/rules/new").statusCode()).isEqualTo(302);
        assertThat(send("GET", "/api/admin/api-keys").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/admin/audit").statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
