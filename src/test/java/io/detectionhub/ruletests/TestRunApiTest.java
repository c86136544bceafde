package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs over the API: 202 with the run's URL, progress and results as JSON, JUnit XML valid against the JUnit schema
 * beside this test ({@code junit.xsd}), a failing case with its explanation, scopes by ids and by the rule list's
 * filters, and the refusals.
 */
@AppTest
class TestRunApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    JsonNode finished(TestApi api, String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = JSON.readTree(api.get(location).body());
            String status = run.get("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("run " + location + " did not finish in 60 s");
    }

    @Test
    void aRunOfOneRulesTestsReportsEachCaseAsJsonAndValidJunitXml() throws Exception {
        TestApi editor = new TestApi(port, credentials.bearer(Role.EDITOR));
        editor.createRule(RuleTestApiTest.RULE);
        String tests = "/api/rules/" + RuleTestApiTest.RULE_ID + "/tests";
        for (JsonNode existing : JSON.readTree(editor.get(tests).body())) {
            editor.delete(tests + "/" + existing.get("id").asLong());
        }
        editor.send("POST", tests, "application/json", "{\"name\": \"downloads <&>\", \"events\": ["
                + RuleTestApiTest.HIT + "], \"expectation\": \"match\"}", Map.of());
        editor.send("POST", tests, "application/json", "{\"name\": \"wrongly expected\", \"events\": ["
                + RuleTestApiTest.QUIET + "], \"expectation\": {\"kind\": \"match\", \"atLeast\": 1}}", Map.of());

        TestApi viewer = new TestApi(port, credentials.bearer(Role.VIEWER));
        String selection = "{\"ruleIds\": [\"" + RuleTestApiTest.RULE_ID + "\"]}";
        assertThat(viewer.send("POST", "/api/tests/run", "application/json", selection, Map.of()).statusCode())
                .as("a background run is an editor's action").isEqualTo(403);
        HttpResponse<String> started = editor.send("POST", "/api/tests/run", "application/json", selection, Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/tests/runs/\\d+");

        JsonNode run = finished(viewer, location);
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("totalCases").asInt()).isEqualTo(2);
        assertThat(run.get("passedCases").asInt()).isEqualTo(1);
        assertThat(run.get("failedCases").asInt()).isEqualTo(1);
        assertThat(run.get("progress").asInt()).isEqualTo(100);
        JsonNode failed = run.get("results").get(1).get("outcome").asString().equals("failed")
                ? run.get("results").get(1) : run.get("results").get(0);
        assertThat(failed.get("testName").asString()).isEqualTo("wrongly expected");
        assertThat(failed.at("/detail/misses/0/blame/0").asString()).isEqualTo("selection_cli did not match");

        HttpResponse<String> junit = viewer.get(location + "/junit.xml", "application/xml");
        assertThat(junit.statusCode()).isEqualTo(200);
        String xml = junit.body();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(TestRunApiTest.class.getResource("junit.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
        assertThat(xml).contains("<testsuite name=\"Certutil Download For Tests\"")
                .contains("tests=\"2\" failures=\"1\" errors=\"0\"")
                .contains("name=\"downloads &lt;&amp;&gt;\"")
                .contains("<failure message=\"expected at least 1 match, got 0")
                .contains("selection_cli: CommandLine = 'certutil -hashfile a.exe SHA256' matches none of 2 values");

        HttpResponse<String> page = viewer.get(location.replace("/api", ""), "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("run-progress").contains("wrongly expected");
    }

    @Test
    void theRuleListsFiltersChooseTheRulesAndRefusalsAreProblems() {
        TestApi editor = new TestApi(port, credentials.bearer(Role.EDITOR));
        editor.createRule(RuleTestApiTest.RULE);
        String tests = "/api/rules/" + RuleTestApiTest.RULE_ID + "/tests";
        editor.send("POST", tests, "application/json", "{\"name\": \"filtered run\", \"events\": ["
                + RuleTestApiTest.HIT + "], \"expectation\": \"match\"}", Map.of());
        HttpResponse<String> started = editor.send("POST", "/api/tests/run?q=certutil+download+for+tests",
                null, (String) null, Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode run = finished(editor, started.headers().firstValue("Location").orElseThrow());
        assertThat(run.get("selection").asString()).contains("1 with tests");
        assertThat(run.get("results").findValuesAsString("ruleId")).containsOnly(RuleTestApiTest.RULE_ID);

        assertThat(editor.send("POST", "/api/tests/run?level=high", "application/json",
                "{\"ruleIds\": [\"x\"]}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(editor.send("POST", "/api/tests/run", "application/json", "{\"ruleIds\": [\"no-such-rule\"]}",
                Map.of()).statusCode()).isEqualTo(404);
        assertThat(editor.get("/api/tests/runs/987654321").statusCode()).isEqualTo(404);
    }
}
