package io.detectionhub.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of the app's REST API for browser tests: prepares data and checks downloads over real HTTP, signed
 * in with the given {@code Authorization} (e.g. {@link TestCredentials#bearer}).
 */
public final class TestApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public TestApi(int port, String authorization) {
        this.base = "http://localhost:" + port;
        this.authorization = authorization;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build());
    }

    public HttpResponse<String> postYaml(String path, String yaml) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build());
    }

    /** Any request: method, path, content type and body (both may be null), further headers. */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The same with a text body, sent as UTF-8. */
    public HttpResponse<String> send(String method, String path, String contentType, String body,
                                     Map<String, String> headers) {
        return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Replaces a resource with YAML, naming the version changed ({@code If-Match}: an ETag or {@code *}). */
    public HttpResponse<String> putYaml(String path, String yaml, String ifMatch) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/yaml")
                .header("If-Match", ifMatch).PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
    }

    /** Deletes whatever version is stored ({@code If-Match: *}). */
    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("If-Match", "*").DELETE().build());
    }

    /** Stores a rule (or replaces the stored rule with the same id) and returns its id. */
    public String createRule(String yaml) {
        HttpResponse<String> created = postYaml("/api/rules", yaml);
        if (created.statusCode() == 409) {
            String id = JSON.readTree(yaml.replaceAll("(?s).*\\bid: *([0-9a-f-]{36}).*", "\"$1\"")).asString();
            delete("/api/rules/" + id);
            created = postYaml("/api/rules", yaml);
        }
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating a rule failed: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body()).path("id").asString();
    }

    /** The id of the first rule found by a search whose title contains {@code titlePart} (case-insensitive). */
    public Optional<String> findRuleId(String search, String titlePart) {
        HttpResponse<String> found = get("/api/rules?size=50&q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
        List<JsonNode> rules = new ArrayList<>();
        collectRules(JSON.readTree(found.body()), rules);
        return rules.stream()
                .filter(r -> r.path("title").asString("").toLowerCase().contains(titlePart.toLowerCase()))
                .map(r -> r.path("id").asString()).findFirst();
    }

    private static void collectRules(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has("id") && node.has("title")) {
            out.add(node);
        }
        for (JsonNode child : node) {
            if (child.isContainer()) {
                collectRules(child, out);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest signedIn = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", authorization).build();
            return http.send(signedIn, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
