package io.detectionhub.web;

import io.detectionhub.security.Role;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.testsupport.RawHttp;
import io.detectionhub.testsupport.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error over a real port (Tomcat included, which MockMvc leaves out): RFC 9457 problem details on the API,
 * the site's readable error page for browsers on pages, and no internals (class names, exception messages, the
 * server's name) in either; requests Tomcat refuses before the application sees them included.
 */
@EmptyLibraryTest
@Import({ErrorResponsesOverHttpTest.FailingApi.class, ErrorResponsesOverHttpTest.FailingPage.class})
class ErrorResponsesOverHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    Map<String, String> API_CLIENT;
    Map<String, String> BROWSER;
    /** JSON bodies sent by a signed-in script (its API key). */
    Map<String, String> JSON_BODY;
    /** What must never reach a client: Java and library names, exception talk, the server's own pages. */
    static final Pattern INTERNALS = Pattern.compile("(?i)io\\.detectionhub|java\\.|tools\\.jackson|springframework"
            + "|org\\.apache|exception|`|Source: REDACTED|Apache Tomcat|HTTP Status|secret-internal-detail");

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    @BeforeEach
    void signedIn() {
        String key = credentials.bearer(Role.EDITOR);
        API_CLIENT = Map.of("Accept", "application/json", "Authorization", key);
        BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8", "Authorization", key);
        JSON_BODY = Map.of("Content-Type", "application/json", "Authorization", key);
    }

    /** Fails as a bug would: an exception no handler knows. */
    @RestController
    @ViewerRole
    static class FailingApi {
        @GetMapping("/api/test/failure")
        String fail() {
            throw new IllegalStateException("secret-internal-detail");
        }
    }

    @Controller
    @ViewerRole
    static class FailingPage {
        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("secret-internal-detail");
        }
    }

    @Test
    void outOfRangePagingIsABadRequest() {
        for (String query : List.of("page=2147483647", "page=5001&size=200", "page=99999999999", "size=-1")) {
            JsonNode problem = problem(RawHttp.get(port, "/api/rules?" + query, API_CLIENT), 400);
            assertThat(problem.path("detail").asString()).as(query).containsAnyOf("page", "size");
        }
        assertThat(RawHttp.get(port, "/api/rules?page=5000&size=200", API_CLIENT).status()).isEqualTo(200);
    }

    @Test
    void requestsTomcatRefusesAreProblemDetailsOnTheApi() {
        String longQuery = "a".repeat(100_000);
        for (String target : List.of("/api/rules/a%2Fb", "/api/rules/a%zz", "/api/rules?q=" + longQuery)) {
            JsonNode problem = problem(RawHttp.get(port, target, API_CLIENT), 400);
            assertThat(problem.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "bad-request");
            assertThat(problem.path("detail").asString()).contains("refused the request before it reached");
        }
        problem(RawHttp.get(port, "/api/rules", Map.of("X-Padding", "b".repeat(20_000), "Authorization", API_CLIENT.get("Authorization"))), 400);
        // on the API even a browser gets problem details
        problem(RawHttp.get(port, "/api/rules/a%2Fb", BROWSER), 400);
    }

    /**
     * A request line over the limit (a search of 100,000 characters) leaves Tomcat no path and no headers to read,
     * so it is answered with problem details whoever asked; the rest can be told apart.
     */
    @Test
    void requestsTomcatRefusesAreAReadablePageInABrowser() {
        Map<String, String> browserWithHugeCookie = new java.util.LinkedHashMap<>(BROWSER);
        browserWithHugeCookie.put("Cookie", "c=" + "d".repeat(20_000));
        for (Answer answer : List.of(RawHttp.get(port, "/rules/a%2Fb", BROWSER),
                RawHttp.get(port, "/rules", browserWithHugeCookie))) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("text/html");
            assertThat(answer.body()).contains("That request could not be understood");
            assertNoInternals(answer);
        }
    }

    @Test
    void anUnexpectedFailureIsAProblemWithoutItsMessage() {
        JsonNode problem = problem(RawHttp.get(port, "/api/test/failure", API_CLIENT), 500);
        assertThat(problem.path("type").asString()).isEqualTo(Problems.TYPE_BASE + "server-error");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/test/failure");
        // whatever the client accepts
        problem(RawHttp.get(port, "/api/test/failure", BROWSER), 500);
        Answer page = RawHttp.get(port, "/test/failure", BROWSER);
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Something went wrong on our side");
        assertNoInternals(page);
    }

    @Test
    void unreadableJsonIsDescribedWithoutJavaNames() {
        Map<String, String> expected = Map.of(
                "{\"yaml\": [\"a\"]}", "Expected a string at yaml",
                "{\"yaml\": \"x\", \"enrichment\": {\"tuningGuidance\": {\"a\": 1}}}",
                "Expected an array at enrichment.tuningGuidance",
                "{\"yaml\": \"x\", \"enrichment\": {\"confidence\": \"certain\"}}",
                "Expected one of [low, medium, high] at enrichment.confidence",
                "{\"yaml\": \"x\", \"enrichment\": {\"retrievedAt\": \"yesterday\"}}",
                "'yesterday' is not an ISO-8601 date and time",
                "{\"yaml\": ", "Not valid JSON");
        expected.forEach((body, message) -> {
            JsonNode problem = problem(RawHttp.send(port, "POST", "/api/rules", JSON_BODY, body.getBytes(StandardCharsets.UTF_8)), 400);
            assertThat(problem.path("detail").asString()).as(body).contains(message);
        });
        JsonNode located = problem(RawHttp.send(port, "POST", "/api/rules", JSON_BODY,
                "{\n  \"yaml\": tru }".getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(located.at("/errors/0/line").asInt()).isEqualTo(2);
        JsonNode pathed = problem(RawHttp.send(port, "POST", "/api/rules", JSON_BODY,
                "{\"yaml\": \"x\", \"enrichment\": {\"tuningGuidance\": 5}}".getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(pathed.at("/errors/0/path").asString()).isEqualTo("enrichment.tuningGuidance");
        // no body at all, and parameters of the wrong type
        problem(RawHttp.send(port, "POST", "/api/rules", JSON_BODY, new byte[0]), 400);
        problem(RawHttp.get(port, "/api/rules?size=abc", API_CLIENT), 400);
        problem(RawHttp.get(port, "/api/rules?hasAtomicTests=maybe", API_CLIENT), 400);
    }

    private static JsonNode problem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        assertNoInternals(answer);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).startsWith(Problems.TYPE_BASE);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    private static void assertNoInternals(Answer answer) {
        assertThat(INTERNALS.matcher(answer.body()).find()).as(answer.body()).isFalse();
    }
}
