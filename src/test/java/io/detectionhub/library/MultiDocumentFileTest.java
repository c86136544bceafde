package io.detectionhub.library;

import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document of a multi-document file is stored and addressable (page, API, KQL, evaluation links), or the file is
 * refused whole (issue 17: "the second rule 404s but fires").
 */
@EmptyLibraryTest
class MultiDocumentFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    static final String TWO_RULES = """
            title: Whoami run
            id: 11111111-0000-4000-8000-000000000001
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    Image|endswith: /whoami
                condition: selection
            ---
            title: Id run
            id: 11111111-0000-4000-8000-000000000002
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    Image|endswith: /id
                condition: selection
            """;

    static final String CORRELATION_WITH_OWN_RULES = """
            title: Failed logon
            id: 22222222-0000-4000-8000-000000000001
            name: failed_logon_md
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4625
                condition: selection
            ---
            title: Helper without id
            name: success_md
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4624
                condition: selection
            ---
            title: Failure then success
            id: 22222222-0000-4000-8000-000000000002
            correlation:
                type: temporal
                rules:
                    - failed_logon_md
                    - success_md
                group-by:
                    - TargetUserName
                timespan: 5m
            ---
            title: Exclude the scanner
            id: 22222222-0000-4000-8000-000000000003
            logsource:
                product: windows
                service: security
            filter:
                rules:
                    - failed_logon_md
                selection:
                    IpAddress: 10.0.0.9
                condition: not selection
            """;

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void emptyLibrary() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
    }

    @Test
    void everyRuleOfAFileIsStoredOnItsOwnWithItsPageKqlAndEvaluationLink() throws Exception {
        EntityExchangeResult<String> created = post(TWO_RULES);
        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(rules.count()).isEqualTo(2);
        String[] texts = TWO_RULES.split("(?m)^(?=---\\n)");
        for (int i = 1; i <= 2; i++) {
            String id = "11111111-0000-4000-8000-00000000000" + i;
            JsonNode rule = json(get("/api/rules/" + id, HttpStatus.OK));
            assertThat(rule.get("yaml").asString()).isEqualTo(texts[i - 1]);
            assertThat(get("/api/rules/" + id + "/kql", HttpStatus.OK)).contains("endswith");
        }
        // The whole library evaluated: the second rule fires under its own, addressable id, once.
        JsonNode result = json(http.post().uri("/api/evaluate").contentType(MediaType.parseMediaType(
                        "application/x-ndjson")).body("{\"Image\":\"/usr/bin/id\"}\n".getBytes(StandardCharsets.UTF_8))
                .exchange().expectBody(String.class).returnResult());
        List<String> fired = new ArrayList<>();
        result.get("matches").forEach(m -> fired.add(m.get("ruleId").asString()));
        assertThat(fired).containsExactly("11111111-0000-4000-8000-000000000002");
        get("/rules/" + fired.get(0), HttpStatus.OK);
    }

    @Test
    void aCorrelationKeepsOnlyItsRulesWithoutIdAndEveryOtherDocumentIsAnEntry() {
        assertThat(post(CORRELATION_WITH_OWN_RULES).getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(rules.listAll()).extracting(LibraryRule::id).containsExactlyInAnyOrder(
                "22222222-0000-4000-8000-000000000001", "22222222-0000-4000-8000-000000000002",
                "22222222-0000-4000-8000-000000000003");
        StoredRule correlation = rules.find("22222222-0000-4000-8000-000000000002").orElseThrow();
        assertThat(correlation.kind()).isEqualTo(RuleKind.CORRELATION);
        assertThat(correlation.yaml()).contains("name: success_md").doesNotContain("EventID: 4625");
        assertThat(rules.find("22222222-0000-4000-8000-000000000003").orElseThrow().kind()).isEqualTo(RuleKind.FILTER);
        // The correlation's query finds the rule stored apart from it in the library.
        assertThat(get("/api/rules/22222222-0000-4000-8000-000000000002/kql?target=sentinel", HttpStatus.OK)).contains("4625", "4624");
    }

    @Test
    void aFileIsRefusedWholeWhenOneOfItsIdsIsTakenOrARuleWithoutIdIsShared() {
        post(TWO_RULES.substring(TWO_RULES.indexOf("---\n") + 4));
        EntityExchangeResult<String> again = post(TWO_RULES);
        assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(rules.count()).isEqualTo(1);

        String shared = """
                title: Base
                name: base_md
                logsource:
                    product: windows
                detection:
                    s:
                        EventID: 1
                    condition: s
                ---
                title: First
                correlation:
                    type: event_count
                    rules: [base_md]
                    timespan: 1m
                    condition:
                        gte: 2
                ---
                title: Second
                correlation:
                    type: event_count
                    rules: [base_md]
                    timespan: 1h
                    condition:
                        gte: 20
                """;
        EntityExchangeResult<String> refused = post(shared);
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getResponseBody()).contains("base_md", "give it an id");
        assertThat(rules.count()).isEqualTo(1);
    }

    @Test
    void aRuleStoredWholeFromAMultiDocumentFileBeforeIsSplitIntoItsRules() {
        // As the library stored such a file before: one row under the first rule's id, the whole text.
        jdbc.sql("INSERT INTO sigma_rule (id, yaml, kind, title, level_rank, search_text, created_at, updated_at,"
                        + " version) VALUES (?, ?, 'rule', 'Whoami run', 0, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)")
                .params("11111111-0000-4000-8000-000000000001", TWO_RULES).update();
        assertThat(rules.idsWithSeveralDocuments()).containsExactly("11111111-0000-4000-8000-000000000001");
        long version = rules.libraryVersion();

        assertThat(rules.splitStoredMultiDocument("11111111-0000-4000-8000-000000000001"))
                .containsExactly("11111111-0000-4000-8000-000000000002");
        assertThat(rules.libraryVersion()).isGreaterThan(version);
        assertThat(rules.findYaml("11111111-0000-4000-8000-000000000001").orElseThrow()).doesNotContain("Id run");
        get("/rules/11111111-0000-4000-8000-000000000002", HttpStatus.OK);
        // Once split, there is nothing more to split.
        assertThat(rules.splitStoredMultiDocument("11111111-0000-4000-8000-000000000001")).isEmpty();
    }

    private EntityExchangeResult<String> post(String yaml) {
        return http.post().uri("/api/rules").contentType(YAML).body(yaml.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectBody(String.class).returnResult();
    }

    private String get(String path, HttpStatus expected) {
        EntityExchangeResult<String> result = http.get().uri(path).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus()).as(path + ": " + result.getResponseBody()).isEqualTo(expected);
        return result.getResponseBody();
    }

    private static JsonNode json(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody());
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
