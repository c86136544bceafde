package io.detectionhub.translate;

import io.detectionhub.library.RuleService;
import io.detectionhub.sigma.kql.TranslationOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation and target API through the real HTTP stack (random port), on H2 ({@link TranslateApiH2Test}) and
 * on a real PostgreSQL ({@link TranslateApiPostgresTest}).
 */
abstract class TranslateApiContract {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RULE_ID = "8737b7f6-8df3-4bb7-b1da-06019b99b687";
    static final String RULE = """
            title: Shell Invocation Via Ssh - Linux
            id: 8737b7f6-8df3-4bb7-b1da-06019b99b687
            status: test
            level: high
            tags:
                - attack.execution
                - attack.t1059
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    Image|endswith: '/ssh'
                    CommandLine|contains: 'permitlocalcommand=yes'
                condition: selection
            """;
    static final String QUERY = "imProcessCreate\n| where TargetProcessName endswith \"/ssh\" and "
            + "TargetProcessCommandLine contains \"permitlocalcommand=yes\"";

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    TranslationService translations;

    @Autowired
    TargetService targets;

    @BeforeEach
    void storeRule() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
        rules.create(RULE, null);
    }

    private EntityExchangeResult<String> post(String path, String body, MediaType accept) {
        return http.post().uri(path).contentType(YAML).accept(accept).body(body.getBytes(StandardCharsets.UTF_8))
                .exchange().expectBody(String.class).returnResult();
    }

    private EntityExchangeResult<String> get(String path, MediaType accept) {
        return http.get().uri(path).accept(accept).exchange().expectBody(String.class).returnResult();
    }

    @Test
    void translatesPostedSigma() {
        EntityExchangeResult<String> r = post("/api/translate", RULE, MediaType.TEXT_PLAIN);
        assertThat(r.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(r.getResponseBody()).isEqualTo(QUERY + "\n");
        EntityExchangeResult<String> xdr = post("/api/translate?target=defender-xdr&header=true&analyst=true", RULE,
                MediaType.TEXT_PLAIN);
        assertThat(xdr.getResponseBody()).startsWith("// Title: Shell Invocation Via Ssh - Linux\n")
                .contains("DeviceProcessEvents\n| where FolderPath endswith \"/ssh\"").contains("| project Timestamp");
        EntityExchangeResult<String> custom = post("/api/translate?target=custom&table=MyEdr_CL", RULE, MediaType.TEXT_PLAIN);
        assertThat(custom.getResponseBody()).isEqualTo(
                "MyEdr_CL\n| where Image endswith \"/ssh\" and CommandLine contains \"permitlocalcommand=yes\"\n");
    }

    @Test
    void explainsAsJsonOrComments() throws Exception {
        JsonNode json = JSON.readTree(post("/api/translate", RULE, MediaType.APPLICATION_JSON).getResponseBody());
        assertThat(json.get(0).get("query").asString()).isEqualTo(QUERY);
        assertThat(json.at("/0/explanation/table").asString()).isEqualTo("imProcessCreate");
        assertThat(json.at("/0/explanation/fields/0/sigmaField").asString()).isEqualTo("Image");
        assertThat(json.at("/0/explanation/fields/0/columns/0").asString()).isEqualTo("TargetProcessName");
        String text = post("/api/translate?explain=true", RULE, MediaType.TEXT_PLAIN).getResponseBody();
        assertThat(text).startsWith(QUERY + "\n// Target: sentinel-asim\n// Table: imProcessCreate")
                .contains("// Field Image: mapped to TargetProcessName");
    }

    @Test
    void refusalsAreProblemDetails() throws Exception {
        EntityExchangeResult<String> untranslatable = post("/api/translate?target=defender-xdr",
                RULE.replace("category: process_creation", "category: pipe_created"), MediaType.TEXT_PLAIN);
        assertThat(untranslatable.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        JsonNode problem = JSON.readTree(untranslatable.getResponseBody());
        assertThat(problem.get("reason").asString())
                .isEqualTo("the target defender-xdr has no table for the logsource product=linux, category=pipe_created");
        assertThat(post("/api/translate", "title: x\ndetection: {}", MediaType.TEXT_PLAIN).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        EntityExchangeResult<String> unknown = post("/api/translate?target=splunk", RULE, MediaType.TEXT_PLAIN);
        assertThat(unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getResponseBody()).contains("sentinel-asim");
        assertThat(post("/api/translate?target=custom", RULE, MediaType.TEXT_PLAIN).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/translate?target=custom&table=x%27%5D", RULE, MediaType.TEXT_PLAIN).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void storedRuleQueries() throws Exception {
        EntityExchangeResult<String> text = get("/api/rules/" + RULE_ID + "/kql", MediaType.TEXT_PLAIN);
        assertThat(text.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(text.getResponseBody()).isEqualTo(QUERY + "\n");
        JsonNode json = JSON.readTree(get("/api/rules/" + RULE_ID + "/kql?target=defender-xdr", MediaType.APPLICATION_JSON)
                .getResponseBody());
        assertThat(json.get("query").asString()).isEqualTo("DeviceProcessEvents\n| where FolderPath endswith \"/ssh\" and "
                + "ProcessCommandLine contains \"permitlocalcommand=yes\"");
        assertThat(json.at("/explanation/tableReason").asString()).contains("category=process_creation");
        assertThat(get("/api/rules/" + RULE_ID + "/kql?explain=true", MediaType.TEXT_PLAIN).getResponseBody())
                .contains("// Field CommandLine: mapped to TargetProcessCommandLine");
        EntityExchangeResult<String> anyType = get("/api/rules/" + RULE_ID + "/kql", MediaType.ALL);
        assertThat(anyType.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN)).isTrue();
        assertThat(anyType.getResponseBody()).isEqualTo(QUERY + "\n");
        EntityExchangeResult<String> refused = get("/api/rules/" + RULE_ID + "/kql?target=azure-monitor", MediaType.TEXT_PLAIN);
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getResponseBody()).contains("CommandLine").contains("Syslog");
        EntityExchangeResult<String> download = get("/api/rules/" + RULE_ID + ".kql?target=defender-xdr", MediaType.ALL);
        assertThat(download.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(download.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"shell-invocation-via-ssh-linux-defender-xdr.kql\"");
        assertThat(download.getResponseBody()).startsWith("// Title: Shell Invocation Via Ssh - Linux\n");
        assertThat(get("/api/rules/nope/kql", MediaType.TEXT_PLAIN).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/rules/" + RULE_ID + "/kql?target=nope", MediaType.TEXT_PLAIN).getStatus())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void rulePageQueriesForEveryTarget() {
        var stored = rules.find(RULE_ID).orElseThrow();
        var outcomes = translations.translateStored(stored, List.of(targets.find("sentinel-asim").orElseThrow(),
                targets.find("defender-xdr").orElseThrow(), targets.find("azure-monitor").orElseThrow()),
                new TranslationOptions(true, false));
        assertThat(outcomes).extracting(o -> o.target().name())
                .containsExactly("sentinel-asim", "defender-xdr", "azure-monitor");
        assertThat(outcomes.get(0).translation().query()).startsWith("// Title: Shell Invocation Via Ssh - Linux\n").endsWith(QUERY);
        assertThat(outcomes.get(0).translation().explanation().table()).isEqualTo("imProcessCreate");
        assertThat(outcomes.get(2).translation()).isNull();
        assertThat(outcomes.get(2).refusal()).isEqualTo("the field 'CommandLine' has no mapping for table Syslog of target azure-monitor");
    }

    @Test
    void listsTargetsWithLogsourcesAndFields() throws Exception {
        JsonNode targets = JSON.readTree(get("/api/targets", MediaType.APPLICATION_JSON).getResponseBody());
        assertThat(targets.findValuesAsString("name")).contains("sentinel-asim", "defender-xdr", "azure-monitor", "custom");
        JsonNode asim = targets.get(0);
        assertThat(asim.at("/logsources/0/category").asString()).isEqualTo("process_creation");
        assertThat(asim.at("/logsources/0/table").asString()).isEqualTo("imProcessCreate");
        assertThat(asim.at("/tables/0/fields/Image/0").asString()).isEqualTo("TargetProcessName");
        JsonNode one = JSON.readTree(get("/api/targets/defender-xdr", MediaType.APPLICATION_JSON).getResponseBody());
        assertThat(one.at("/tables/0/columns/FolderPath").asString()).isEqualTo("string");
        EntityExchangeResult<String> yaml = get("/api/targets/azure-monitor.yml", MediaType.ALL);
        assertThat(yaml.getResponseBody()).contains("name: azure-monitor");
        assertThat(get("/api/targets/nope", MediaType.APPLICATION_JSON).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
