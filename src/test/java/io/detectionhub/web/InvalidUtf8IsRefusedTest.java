package io.detectionhub.web;

import io.detectionhub.library.RuleService;
import io.detectionhub.testsupport.EmptyLibraryTest;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that is not valid UTF-8 is refused with 400 on every kind of text input, never stored or evaluated with
 * U+FFFD in place of the bytes: Sigma YAML and JSON, target definitions, events as CSV, NDJSON and JSON bodies and
 * uploads, form fields and query parameters. Each body holds "café" written in ISO-8859-1 (the byte 0xE9).
 */
@EmptyLibraryTest
class InvalidUtf8IsRefusedTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RULE_ID = "6e1f4c0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String RULE = """
            title: UTF-8 test rule
            id: 6e1f4c0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    CommandLine|contains: 'caf'
                condition: selection
            """;

    @LocalServerPort
    int port;

    @Autowired
    RuleService rules;

    @Autowired
    TestCredentials credentials;

    @BeforeEach
    void oneRule() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
        rules.create(RULE, null);
    }

    @Test
    void sigmaYaml() {
        byte[] yaml = latin1(RULE.replace("UTF-8 test rule", "café rule").replace(RULE_ID, "7e1f4c0a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"));
        refused(send("POST", "/api/rules", "application/yaml", yaml), "UTF-8");
        refused(send("PUT", "/api/rules/" + RULE_ID, "application/yaml", latin1(RULE.replace("UTF-8 test", "café")), "*"),
                "UTF-8");
        refused(send("POST", "/api/rules/validate", "application/yaml", yaml), "UTF-8");
        refused(send("POST", "/api/translate", "application/yaml", yaml), "UTF-8");
        assertThat(rules.count()).isEqualTo(1);
        assertThat(rules.find(RULE_ID).orElseThrow().yaml()).isEqualTo(RULE);
    }

    @Test
    void sigmaJson() {
        refused(send("POST", "/api/rules", "application/json", concat("{\"yaml\": \"title: caf", "\"}")), "UTF-8");
        refused(send("PUT", "/api/rules/" + RULE_ID + "/enrichment", "application/json",
                concat("{\"huntHypothesis\": \"caf", "\"}"), "*"), "UTF-8");
        assertThat(rules.count()).isEqualTo(1);
    }

    @Test
    void targetDefinitions() {
        byte[] yaml = latin1("name: edr-latin\ndescription: café\n");
        refused(send("POST", "/api/targets", "application/yaml", yaml), "UTF-8");
        refused(send("POST", "/api/targets/validate", "application/yaml", yaml), "UTF-8");
        refused(send("POST", "/api/targets", "application/json", concat("{\"definition\": \"name: caf", "\"}")),
                "UTF-8");
        assertThat(send("GET", "/api/targets/edr-latin", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void eventsAsCsv() {
        byte[] csv = latin1("Image,CommandLine\n/bin/sh,café\n");
        refused(send("POST", "/api/evaluate?ruleIds=" + RULE_ID, "text/csv", csv), "UTF-8");
        refused(send("POST", "/api/rules/" + RULE_ID + "/evaluate", "text/csv", csv), "UTF-8");
        refused(send("POST", "/api/evaluate?ruleIds=" + RULE_ID, "text/csv", latin1("Imagé,CommandLine\na,b\n")),
                "UTF-8");
        refused(multipart("/api/evaluate?ruleIds=" + RULE_ID, "file", "events.csv", "text/csv", csv), "UTF-8");
    }

    @Test
    void eventsAsNdjsonAndJson() {
        refused(send("POST", "/api/evaluate?ruleIds=" + RULE_ID, "application/x-ndjson",
                concat("{\"CommandLine\": \"caf", "\"}\n")), "UTF-8");
        refused(send("POST", "/api/evaluate", "application/json",
                concat("{\"ruleIds\": [\"" + RULE_ID + "\"], \"events\": [{\"CommandLine\": \"caf", "\"}]}")), "UTF-8");
        refused(multipart("/api/evaluate?ruleIds=" + RULE_ID, "file", "events.ndjson", "application/x-ndjson",
                concat("{\"CommandLine\": \"caf", "\"}\n")), "UTF-8");
    }

    @Test
    void formFields() {
        // URL-encoded: the server refuses the bytes itself; multipart text fields are checked the same way
        HttpResponse<String> editor = send("POST", "/rules/new", "application/x-www-form-urlencoded",
                ("yaml=" + URLEncoder.encode(RULE, StandardCharsets.UTF_8) + "%E9").getBytes(StandardCharsets.UTF_8));
        assertThat(editor.statusCode()).isEqualTo(400);
        HttpResponse<String> target = send("POST", "/targets/new", "application/x-www-form-urlencoded",
                "definition=name%3A+caf%E9".getBytes(StandardCharsets.UTF_8));
        assertThat(target.statusCode()).isEqualTo(400);
        HttpResponse<String> evaluate = multipart("/evaluate", "events", null, null,
                concat("{\"CommandLine\": \"caf", "\"}"));
        assertThat(evaluate.statusCode()).isEqualTo(400);
        assertThat(evaluate.body()).contains("form field &#39;events&#39; is not valid UTF-8");
        assertThat(rules.count()).isEqualTo(1);
    }

    @Test
    void queryParameters() {
        refused(send("GET", "/api/rules?q=caf%E9", null, null), "UTF-8");
        refused(send("GET", "/api/rules/" + RULE_ID + "/kql?target=caf%E9", null, null), "UTF-8");
    }

    private JsonNode refused(HttpResponse<String> response, String mention) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("detail").asString()).contains(mention);
        return problem;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** UTF-8 text around one byte that is not UTF-8 (0xE9, "é" in ISO-8859-1). */
    private static byte[] concat(String before, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, body, null);
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String ifMatch) {
        return api().send(method, path, contentType, body, ifMatch == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "If-Match", ifMatch));
    }

    /** A multipart form with one part: a file (with its name and type) or a text field (both null). */
    private HttpResponse<String> multipart(String path, String field, String fileName, String type, byte[] content) {
        String boundary = "utf8-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api().send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray(),
                Map.of("Accept", fileName == null ? "text/html" : "application/json"));
    }

    private TestApi api() {
        return new TestApi(port, credentials.bearer(Role.ADMIN));
    }
}
