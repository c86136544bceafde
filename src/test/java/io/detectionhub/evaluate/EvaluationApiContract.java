package io.detectionhub.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import io.detectionhub.library.RuleService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation endpoints through the real HTTP stack, with every input format, under small evaluation limits that
 * the tests run into (50 events, 20 KB per event, 200 KB per upload); on H2 ({@link EvaluationApiH2Test}) and on a
 * real PostgreSQL ({@link EvaluationApiPostgresTest}).
 */
@Import(TestCredentials.class)
abstract class EvaluationApiContract {

    static final String WHOAMI_ID = "0b5e1c2a-7d3f-4e8a-9b6c-1a2b3c4d5e6f";
    static final String ENCODED_ID = "5c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WHOAMI_EVENT = "{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\","
            + "\"CommandLine\":\"whoami /all\",\"User\":\"CORP\\\\bob\"}";
    static final String ENCODED_EVENT = "{\"Image\":\"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\"
            + "powershell.exe\",\"CommandLine\":\"powershell.exe /enc SQBFAFgA\"}";
    static final String BENIGN_EVENT = "{\"Image\":\"C:\\\\Windows\\\\explorer.exe\",\"CommandLine\":\"explorer.exe\"}";

    @LocalServerPort
    int port;

    @Autowired
    RuleService rules;

    @Autowired
    TestCredentials credentials;

    private HttpClient signedInClient;

    @BeforeEach
    void library() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
        rules.create(resource("whoami.yml"), null);
        rules.create(resource("encoded-powershell.yml"), null);
    }

    static String resource(String name) {
        try (InputStream in = EvaluationApiContract.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String quoted(String s) {
        return JSON.writeValueAsString(s);
    }

    @Test
    void pastedRuleWithJsonEventsExplainsTheMatch() throws Exception {
        String body = "{\"rule\":" + quoted(resource("whoami.yml")) + ",\"events\":[" + BENIGN_EVENT + ","
                + WHOAMI_EVENT + "]}";
        HttpResponse<String> r = post("/api/evaluate", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json(r);
        assertThat(result.get("rulesEvaluated").asInt()).isEqualTo(1);
        assertThat(result.get("eventsEvaluated").asInt()).isEqualTo(2);
        assertThat(result.get("matches").size()).isEqualTo(1);
        JsonNode m = result.get("matches").get(0);
        assertThat(m.get("ruleId").asString()).isEqualTo(WHOAMI_ID);
        assertThat(m.get("ruleTitle").asString()).isEqualTo("Whoami Execution");
        assertThat(m.get("level").asString()).isEqualTo("medium");
        assertThat(m.get("eventIndex").asInt()).isEqualTo(1);
        assertThat(m.get("matchedSelections").toString()).isEqualTo("[\"selection_img\",\"selection_cli\"]");
        assertThat(m.at("/matchedFields/0/field").asString()).isEqualTo("Image");
        assertThat(m.at("/matchedFields/0/value").asString()).isEqualTo("C:\\Windows\\System32\\whoami.exe");
        assertThat(m.at("/matchedFields/0/modifiers").toString()).isEqualTo("[\"endswith\"]");
        assertThat(m.at("/matchedFields/0/pattern").asString()).isEqualTo("\\whoami.exe");
        assertThat(m.at("/matchedFields/1/field").asString()).isEqualTo("CommandLine");
        assertThat(result.get("correlations").size()).isZero();
    }

    @Test
    void explainMissesSaysWhichItemFailedAndWhichEventWasRoutedAway() throws Exception {
        String almost = "{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\",\"CommandLine\":\"whoami /priv\"}";
        String security = "{\"Channel\":\"Security\",\"EventID\":4624,\"Image\":\"x\"}";
        String body = "{\"ruleIds\":[\"" + WHOAMI_ID + "\"],\"explainMisses\":true,\"events\":[" + almost + ","
                + security + "," + WHOAMI_EVENT + "]}";
        HttpResponse<String> r = post("/api/evaluate", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode misses = json(r).get("misses");
        assertThat(misses.size()).as(r.body()).isEqualTo(2);
        JsonNode first = misses.get(0);
        assertThat(first.get("eventIndex").asInt()).isZero();
        assertThat(first.get("routedAway").isNull()).isTrue();
        assertThat(first.get("blame").toString()).isEqualTo("[\"selection_cli did not match\"]");
        JsonNode cli = first.at("/searches/1/maps/0/items/0");
        assertThat(cli.get("field").asString()).isEqualTo("CommandLine");
        assertThat(cli.get("holds").asBoolean()).isFalse();
        assertThat(cli.get("eventValues").toString()).isEqualTo("[\"whoami /priv\"]");
        assertThat(cli.get("patterns").toString()).isEqualTo("[\"/all\"]");
        assertThat(first.at("/searches/0/maps/0/items/0/holds").asBoolean()).isTrue();
        assertThat(misses.get(1).get("routedAway").asString()).contains("Channel 'Security'");

        HttpResponse<String> ndjson = post("/api/evaluate?explainMisses=true&ruleIds=" + WHOAMI_ID,
                "application/x-ndjson", almost + "\n");
        assertThat(json(ndjson).get("misses").size()).as(ndjson.body()).isEqualTo(1);
        HttpResponse<String> quiet = post("/api/evaluate?ruleIds=" + WHOAMI_ID, "application/x-ndjson", almost);
        assertThat(json(quiet).get("misses").size()).isZero();
        HttpResponse<String> library = post("/api/evaluate?explainMisses=true", "application/x-ndjson", almost);
        assertThat(library.statusCode()).as(library.body()).isEqualTo(400);
        assertThat(json(library).get("detail").asString()).contains("explainMisses needs the rules");
    }

    @Test
    void eventsBeforeTheRuleAreHeldUntilTheRuleIsKnown() throws Exception {
        String body = "{\"events\":[" + WHOAMI_EVENT + "],\"rule\":" + quoted(resource("whoami.yml")) + "}";
        HttpResponse<String> r = post("/api/evaluate", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("rulesEvaluated").asInt()).isEqualTo(1);
        assertThat(json(r).get("matches").size()).isEqualTo(1);
    }

    @Test
    void invalidRuleIsA400NamingTheProblems() throws Exception {
        String rule = "title: broken\nlogsource:\n    category: process_creation\ndetection:\n    selection:\n"
                + "        Image|endswith: x\n    condition: selection and missing\n";
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"rule\":" + quoted(rule) + ",\"events\":[]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(json(r).get("errors").size()).isPositive();
        assertThat(r.body()).contains("missing");
    }

    @Test
    void storedRulesById() throws Exception {
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"ruleIds\":[\"" + ENCODED_ID + "\"],\"events\":[" + WHOAMI_EVENT + "," + ENCODED_EVENT + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json(r);
        assertThat(result.get("rulesEvaluated").asInt()).isEqualTo(1);
        assertThat(result.get("matches").size()).isEqualTo(1);
        assertThat(result.at("/matches/0/ruleId").asString()).isEqualTo(ENCODED_ID);
        assertThat(result.at("/matches/0/eventIndex").asInt()).isEqualTo(1);
    }

    @Test
    void unknownRuleIdIs404() throws Exception {
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"ruleIds\":[\"no-such-rule\"],\"events\":[]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no-such-rule");
        HttpResponse<String> stored = post("/api/rules/no-such-rule/evaluate", "application/json", "[]");
        assertThat(stored.statusCode()).isEqualTo(404);
    }

    @Test
    void noRuleRunsTheWholeLibrary() throws Exception {
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"events\":[" + WHOAMI_EVENT + "," + ENCODED_EVENT + "," + BENIGN_EVENT + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode result = json(r);
        assertThat(result.get("rulesEvaluated").asInt()).isEqualTo(2);
        assertThat(result.get("matches").size()).isEqualTo(2);
        HttpResponse<String> bareArray = post("/api/evaluate", "application/json", "[" + WHOAMI_EVENT + "]");
        assertThat(json(bareArray).get("matches").size()).isEqualTo(1);
    }

    @Test
    void libraryRunsAreRoutedByLogsource() throws Exception {
        String sysmonOnLinux = "{\"Channel\":\"Linux-Sysmon/Operational\",\"EventID\":1,"
                + "\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\",\"CommandLine\":\"whoami /all\"}";
        HttpResponse<String> r = post("/api/evaluate", "application/json", "{\"events\":[" + sysmonOnLinux + "]}");
        assertThat(json(r).get("matches").size()).isZero();
        HttpResponse<String> hinted = post("/api/evaluate?product=linux&category=process_creation",
                "application/json", "[" + WHOAMI_EVENT + "]");
        assertThat(json(hinted).get("matches").size()).isZero();
    }

    @Test
    void ndjsonWithTheRuleAsQueryParameter() throws Exception {
        HttpResponse<String> r = post("/api/evaluate?rule=" + q(resource("whoami.yml")), "application/x-ndjson",
                BENIGN_EVENT + "\n" + WHOAMI_EVENT + "\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("eventsEvaluated").asInt()).isEqualTo(2);
        assertThat(json(r).at("/matches/0/eventIndex").asInt()).isEqualTo(1);
    }

    @Test
    void csvWithRuleIds() throws Exception {
        String csv = "Image,CommandLine\n"
                + "C:\\Windows\\System32\\whoami.exe,whoami /all\n"
                + "C:\\Windows\\explorer.exe,explorer.exe\n";
        HttpResponse<String> r = post("/api/evaluate?ruleIds=" + WHOAMI_ID, "text/csv", csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("matches").size()).isEqualTo(1);
        assertThat(json(r).at("/matches/0/eventIndex").asInt()).isZero();
    }

    @Test
    void multipartFileUpload() throws Exception {
        String boundary = "----detectionhub" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"rule\"\r\n\r\n"
                + resource("encoded-powershell.yml") + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"events.ndjson\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + ENCODED_EVENT + "\n" + BENIGN_EVENT + "\n\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> r = post("/api/evaluate", "multipart/form-data; boundary=" + boundary, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("matches").size()).isEqualTo(1);
        assertThat(json(r).at("/matches/0/ruleId").asString()).isEqualTo(ENCODED_ID);
    }

    @Test
    void storedRuleEndpointWithEveryFormat() throws Exception {
        HttpResponse<String> array = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json",
                "[" + WHOAMI_EVENT + "," + ENCODED_EVENT + "]");
        assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
        assertThat(json(array).get("matches").size()).isEqualTo(1);
        HttpResponse<String> object = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json",
                "{\"events\":[" + WHOAMI_EVENT + "]}");
        assertThat(json(object).get("matches").size()).isEqualTo(1);
        HttpResponse<String> ndjson = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/x-ndjson",
                WHOAMI_EVENT + "\n");
        assertThat(json(ndjson).get("matches").size()).isEqualTo(1);
        HttpResponse<String> csv = post("/api/rules/" + WHOAMI_ID + "/evaluate", "text/csv",
                "Image,CommandLine\nC:\\Windows\\System32\\whoami.exe,whoami /all\n");
        assertThat(json(csv).get("matches").size()).isEqualTo(1);
    }

    @Test
    void overTheLimitsIs413() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            many.append(i == 0 ? "" : ",").append(BENIGN_EVENT);
        }
        HttpResponse<String> events = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json",
                many + "]");
        assertThat(events.statusCode()).isEqualTo(413);
        assertThat(json(events).get("limit").asString()).isEqualTo("events");
        String huge = "[{\"CommandLine\":\"" + "x".repeat(30_000) + "\"}]";
        HttpResponse<String> size = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json", huge);
        assertThat(size.statusCode()).isEqualTo(413);
        String ndjson = (BENIGN_EVENT + "\n").repeat(3000);
        HttpResponse<String> bytes = post("/api/evaluate?ruleIds=" + WHOAMI_ID, "application/x-ndjson", ndjson);
        assertThat(bytes.statusCode()).isEqualTo(413);
    }

    @Test
    void aSingleEventObjectIsRefusedWithHowToSendIt() throws Exception {
        HttpResponse<String> r = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json", WHOAMI_EVENT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("detail").asString()).contains("Unknown property \"Image\"").contains("[{...}]");

        HttpResponse<String> wrapped = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json",
                "[" + WHOAMI_EVENT + "]");
        assertThat(json(wrapped).get("matches").size()).isEqualTo(1);
    }

    @Test
    void aRequestObjectWithoutEventsIsRefused() throws Exception {
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"rule\":" + quoted(resource("whoami.yml")) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("detail").asString()).contains("no \"events\" array");
    }

    @Test
    void aPastedCorrelationNamingARuleThatIsNotThereIs400() throws Exception {
        String correlation = "title: two whoami\nname: pair\ncorrelation:\n    type: event_count\n    rules:\n"
                + "        - not_in_this_text\n    group-by:\n        - User\n    timespan: 5m\n    condition:\n"
                + "        gte: 2\n";
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"rule\":" + quoted(correlation) + ",\"events\":[]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("not_in_this_text");
    }

    @Test
    void aBase64ValueWithAWildcardIs400() throws Exception {
        String rule = "title: b64\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n"
                + "    selection:\n        CommandLine|base64: 'who*'\n    condition: selection\n";
        HttpResponse<String> r = post("/api/evaluate", "application/json",
                "{\"rule\":" + quoted(rule) + ",\"events\":[]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }

    @Test
    void malformedEventsAre400() throws Exception {
        HttpResponse<String> r = post("/api/rules/" + WHOAMI_ID + "/evaluate", "application/json",
                "[" + WHOAMI_EVENT + ",{\"broken\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void defenderSchemaEventsMatchThroughTheKqlFieldMapping() throws Exception {
        String defender = "{\"Timestamp\":\"2024-05-01T10:00:00Z\",\"FolderPath\":\"C:\\\\Windows\\\\System32\\\\"
                + "whoami.exe\",\"FileName\":\"whoami.exe\",\"ProcessCommandLine\":\"whoami /all\"}";
        HttpResponse<String> r = post("/api/evaluate?schema=defender-xdr", "application/json",
                "{\"ruleIds\":[\"" + WHOAMI_ID + "\"],\"events\":[" + defender + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("matches").size()).as(r.body()).isEqualTo(1);
        HttpResponse<String> unknown = post("/api/evaluate?schema=splunk", "application/json", "[]");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(List.of("sentinel-asim", "defender-xdr", "azure-monitor").stream()
                .allMatch(s -> unknown.body().contains(s))).isTrue();
    }

    @Test
    void openApiDescribesTheEndpoints() throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("/api/evaluate").contains("/api/rules/{id}/evaluate")
                .contains("\"name\":\"timestampField\",\"in\":\"query\"");
    }

    /** An HTTP client signed in as the test admin (its API key). */
    private HttpClient client() {
        if (signedInClient == null) {
            signedInClient = credentials.http(Role.ADMIN);
        }
        return signedInClient;
    }
}
