package io.detectionhub.sources;

import io.detectionhub.library.RuleService;
import io.detectionhub.ruletests.RuleTestCase;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An archive laid out like SigmaHQ (three corpus rules and their {@code regression_data/}, one of them evtx only)
 * imported through {@code /api/imports}: the rules' test cases are created from the regression data, the report says
 * how many per rule and which samples are not importable, no regression file becomes a rule, and a test run over the
 * three rules passes.
 */
@EmptyLibraryTest
class RegressionDataImportTest {

    static final String REDSUN = "rules-emerging-threats/2026/Exploits/RedSun/";
    static final String FILE_EVENT = REDSUN + "file_event_win_exploit_redsun_indicators";
    static final String PIPE = REDSUN + "pipe_created_win_exploit_redsun_named_pipe";
    static final String EVTX_ONLY = "rules-threat-hunting/windows/image_load/image_load_win_werfaultsecure_dbgcore_dbghelp_load";

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    RuleTestService tests;

    @Test
    void anArchiveWithRegressionDataCreatesTheRulesTestCasesAndTheyPass() throws Exception {
        Path corpus = Path.of("..", "shared", "corpus", "sigmahq");
        assumeTrue(Files.isDirectory(corpus), "no SigmaHQ corpus in ../shared");
        Path data = Path.of(RegressionDataImportTest.class.getResource("/sigmahq").toURI());
        rules.listAll().forEach(r -> rules.delete(r.id()));

        Map<String, String> files = new LinkedHashMap<>();
        for (String rule : List.of(FILE_EVENT, PIPE, EVTX_ONLY)) {
            files.put("sigma-master/" + rule + ".yml", Files.readString(corpus.resolve(rule + ".yml")));
            Path folder = data.resolve("regression_data/" + rule);
            try (Stream<Path> samples = Files.list(folder)) {
                for (Path f : samples.toList()) {
                    files.put("sigma-master/regression_data/" + rule + "/" + f.getFileName(),
                            Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        JsonNode job = await(start("sigma.zip", ImportApiContract.zip(files)));

        assertThat(job.get("state").asString()).isEqualTo("succeeded");
        assertThat(job.at("/counts/created").asInt()).as(job.toString()).isEqualTo(3);
        assertThat(rules.count()).as("no regression file is stored as a rule").isEqualTo(3);
        assertThat(message(job, FILE_EVENT + ".yml")).startsWith("1 test case(s) imported from its regression data");
        assertThat(message(job, PIPE + ".yml")).startsWith("1 test case(s) imported from its regression data");
        assertThat(message(job, EVTX_ONLY + ".yml")).startsWith("0 test case(s) imported")
                .contains("not importable: regression_data/" + EVTX_ONLY)
                .contains("only the .evtx is there");
        assertThat(status(job, "regression_data/" + FILE_EVENT + "/info.yml")).isEqualTo("skipped");

        List<String> ids = new ArrayList<>();
        for (String rule : List.of(FILE_EVENT, PIPE)) {
            String id = ruleIds(job, rule + ".yml");
            ids.add(id);
            List<RuleTestCase> cases = tests.list(id);
            assertThat(cases).hasSize(1);
            assertThat(cases.get(0).origin()).isEqualTo("sigmahq");
        }
        assertThat(tests.list(ruleIds(job, EVTX_ONLY + ".yml"))).isEmpty();

        EntityExchangeResult<String> started = http.post().uri("/api/tests/run")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"ruleIds\": [\"" + String.join("\", \"", ids) + "\"]}").exchange()
                .expectBody(String.class).returnResult();
        assertThat(started.getStatus()).as(started.getResponseBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode run = finished(started.getResponseHeaders().getFirst(HttpHeaders.LOCATION), "status", "passed",
                "failed", "abandoned");
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("passed");
        assertThat(run.get("totalCases").asInt()).isEqualTo(2);
        assertThat(run.get("passedCases").asInt()).isEqualTo(2);

        // The same archive again: the rules are unchanged, their test cases stay as they are.
        JsonNode again = await(start("sigma.zip", ImportApiContract.zip(files)));
        assertThat(again.at("/counts/unchanged").asInt()).isEqualTo(3);
        assertThat(tests.list(ids.get(0))).hasSize(1);
    }

    private EntityExchangeResult<String> start(String name, byte[] content) {
        org.springframework.util.MultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        parts.add("file", ImportApiContract.file(name, content));
        return http.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).exchange()
                .expectBody(String.class).returnResult();
    }

    private JsonNode await(EntityExchangeResult<String> started) throws InterruptedException {
        assertThat(started.getStatus()).as(started.getResponseBody()).isEqualTo(HttpStatus.ACCEPTED);
        return finished(started.getResponseHeaders().getFirst(HttpHeaders.LOCATION), "state", "succeeded", "failed", "cancelled");
    }

    private JsonNode finished(String location, String field, String... done) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = ImportApiContract.json(http.get().uri(location).exchange().expectBody(String.class)
                    .returnResult());
            if (List.of(done).contains(job.get(field).asString())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("did not finish: " + location);
    }

    private static JsonNode file(JsonNode job, String path) {
        for (JsonNode f : job.get("files")) {
            if (f.get("path").asString().equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no report row for " + path + " in " + job);
    }

    private static String message(JsonNode job, String path) {
        return file(job, path).get("message").asString();
    }

    private static String status(JsonNode job, String path) {
        return file(job, path).get("status").asString();
    }

    private static String ruleIds(JsonNode job, String path) {
        JsonNode ids = file(job, path).get("ruleIds");
        assertThat(ids.size()).isEqualTo(1);
        return ids.get(0).asString();
    }
}
