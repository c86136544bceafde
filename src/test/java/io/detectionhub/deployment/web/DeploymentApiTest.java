package io.detectionhub.deployment.web;

import io.detectionhub.deployment.AlertRulesSchema;
import io.detectionhub.security.Role;
import io.detectionhub.testsupport.AppTest;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment API and Deploy tab as a new user meets them: one rule, a selection, settings, the validator. */
@AppTest
class DeploymentApiTest {

    /** The starter library's SSH rule. */
    static final String SSH = "dd8cd0f2-0638-446c-b1d7-2a24673704e8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    private TestApi as(Role role) {
        return new TestApi(port, credentials.bearer(role));
    }

    @Test
    void aViewerDownloadsTheSshRuleInEachFormat() {
        HttpResponse<String> arm = as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=arm");
        assertThat(arm.statusCode()).isEqualTo(200);
        assertThat(arm.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains("shell-invocation-via-ssh-linux-");
        assertThat(AlertRulesSchema.problems(arm.body())).isEmpty();
        JsonNode p = JSON.readTree(arm.body()).get("resources").get(0).get("properties");
        assertThat(p.get("severity").asString()).isEqualTo("High");
        assertThat(p.get("tactics").toString()).isEqualTo("[\"Execution\"]");
        assertThat(p.get("techniques").toString()).isEqualTo("[\"T1059\"]");
        assertThat(p.get("entityMappings").findValuesAsString("entityType")).containsExactly("Host", "Account", "Process");

        HttpResponse<String> yaml = as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=sentinel-yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        Map<String, Object> rule = new Yaml().load(yaml.body());
        assertThat(rule).containsEntry("kind", "Scheduled").containsEntry("severity", "High");

        HttpResponse<String> defender = as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=defender-json");
        assertThat(defender.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(defender.body()).path("queryCondition").path("queryText").asString())
                .contains("Timestamp, ReportId, DeviceId");
    }

    @Test
    void findingsAreJsonAndAnInvalidExportIsRefusedWithThem() {
        JsonNode report = JSON.readTree(as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=arm&findings=true").body());
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.path("content").asString()).contains("alertRules");
        // Defender needs Timestamp and ReportId: the ASIM parser's rows have neither
        HttpResponse<String> refused = as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=defender-json&target=sentinel-asim");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://detectionhub.io/problems/not-deployable");
        assertThat(problem.path("findings").findValuesAsString("message")).anyMatch(m -> m.contains("ReportId"));
        assertThat(as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?format=pdf").statusCode()).isEqualTo(400);
        assertThat(as(Role.VIEWER).get("/api/rules/" + SSH + "/deploy?target=nope").statusCode()).isEqualTo(404);
        assertThat(as(Role.VIEWER).get("/api/rules/no-such-rule/deploy").statusCode()).isEqualTo(404);
    }

    @Test
    void anEditorChangesTheSettingsWithIfMatchAndTheAuditLogRecordsIt() {
        String id = copyOfSsh();
        TestApi editor = as(Role.EDITOR);
        HttpResponse<String> read = editor.get("/api/rules/" + id + "/deploy/settings");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(JSON.readTree(read.body()).path("effective").path("queryFrequency").isMissingNode()).isTrue();
        assertThat(JSON.readTree(read.body()).path("effective").path("frequency").asString()).isEqualTo("PT1H");
        String body = """
                {"frequency": "30m", "period": "2h", "severity": "Medium",
                 "customDetails": {"CommandLine": "TargetProcessCommandLine"}}""";
        assertThat(editor.send("PUT", "/api/rules/" + id + "/deploy/settings", "application/json", body, Map.of())
                .statusCode()).isEqualTo(428);
        assertThat(as(Role.VIEWER).send("PUT", "/api/rules/" + id + "/deploy/settings", "application/json", body,
                Map.of("If-Match", etag)).statusCode()).isEqualTo(403);
        HttpResponse<String> invalid = editor.send("PUT", "/api/rules/" + id + "/deploy/settings", "application/json",
                "{\"frequency\": \"2h\", \"period\": \"1h\"}", Map.of("If-Match", etag));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("must be at least the frequency");
        HttpResponse<String> saved = editor.send("PUT", "/api/rules/" + id + "/deploy/settings", "application/json",
                body, Map.of("If-Match", etag));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(editor.send("PUT", "/api/rules/" + id + "/deploy/settings", "application/json", body,
                Map.of("If-Match", etag)).statusCode()).isEqualTo(412);

        JsonNode p = JSON.readTree(as(Role.VIEWER).get("/api/rules/" + id + "/deploy?format=arm").body())
                .get("resources").get(0).get("properties");
        assertThat(p.get("queryFrequency").asString()).isEqualTo("PT30M");
        assertThat(p.get("queryPeriod").asString()).isEqualTo("PT2H");
        assertThat(p.get("severity").asString()).isEqualTo("Medium");
        assertThat(p.get("customDetails").get("CommandLine").asString()).isEqualTo("TargetProcessCommandLine");

        JsonNode audit = JSON.readTree(as(Role.ADMIN).get("/api/admin/audit?objectType=rule&objectId=" + id
                + "&action=rule.enrichment-updated").body());
        assertThat(audit.path("total").asInt()).isEqualTo(1);
        assertThat(audit.path("items").get(0).path("actor").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
    }

    @Test
    void aSelectionExportsAsAZipWithACombinedTemplateAndAReport() throws IOException {
        HttpResponse<byte[]> zip = bytes("/api/deploy?format=arm&q=ssh&product=linux&revision=latest");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        Map<String, String> files = unzip(zip.body());
        assertThat(files).containsKeys("azuredeploy.json", "report.json");
        assertThat(files.keySet()).anyMatch(name -> name.startsWith("arm/shell-invocation-via-ssh-linux-"));
        assertThat(AlertRulesSchema.problems(files.get("azuredeploy.json"))).isEmpty();
        JsonNode report = JSON.readTree(files.get("report.json"));
        assertThat(report.path("exported").asInt()).isEqualTo(files.size() - 2);
        assertThat(report.path("selected").asInt()).isEqualTo(report.path("exported").asInt()
                + report.path("leftOut").size());

        Map<String, String> yaml = unzip(bytes("/api/deploy?format=sentinel-yaml&q=ssh&product=linux&revision=latest").body());
        assertThat(yaml.keySet()).anyMatch(name -> name.startsWith("sentinel-yaml/") && name.endsWith(".yaml"));
        Map<String, String> defender = unzip(bytes("/api/deploy?format=defender-json&q=ssh&product=linux&revision=latest").body());
        assertThat(defender).doesNotContainKey("azuredeploy.json").containsKey("report.json");
        assertThat(bytes("/api/deploy?format=arm&kind=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void theDeployTabPreviewsTheFormatsAndSavesTheSettingsForEditors() {
        String id = copyOfSsh();
        SignedInSession viewer = new SignedInSession(port).signedInAs(TestCredentials.username(Role.VIEWER),
                TestCredentials.password(Role.VIEWER));
        HttpResponse<String> page = viewer.get("/rules/" + id + "/deploy");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ARM template", "Sentinel YAML", "Defender custom detection",
                "Microsoft.OperationalInsights/workspaces/providers/alertRules", "Download ");
        assertThat(viewer.get("/rules/" + id).body()).contains("/rules/" + id + "/deploy");
        assertThat(viewer.get("/rules?product=linux&q=ssh").body()).contains("action=\"/deploy/exports\"",
                "name=\"product\" value=\"linux\"", "name=\"q\" value=\"ssh\"", "Export for deployment");

        SignedInSession editor = new SignedInSession(port).signedInAs(TestCredentials.username(Role.EDITOR),
                TestCredentials.password(Role.EDITOR));
        String form = editor.get("/rules/" + id + "/deploy").body();
        String version = form.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", SignedInSession.csrfTokenIn(form));
        fields.put("version", version);
        fields.put("frequency", "5h");
        fields.put("period", "1h");
        HttpResponse<String> refused = editor.postForm("/rules/" + id + "/deploy", fields);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("must be at least the frequency");
        fields.put("period", "6h");
        fields.put("entities", "Host: HostName=DvcHostname\nAccount: Name=ActorUsername");
        HttpResponse<String> saved = editor.postForm("/rules/" + id + "/deploy", fields);
        assertThat(saved.statusCode()).isEqualTo(302);
        HttpResponse<String> after = editor.get("/rules/" + id + "/deploy?notice=saved");
        assertThat(after.body()).contains("Deployment settings saved.", "PT5H", "ActorUsername");
        // the same form again names a version that is gone
        assertThat(editor.postForm("/rules/" + id + "/deploy", fields).statusCode()).isEqualTo(409);
    }

    @Test
    void aLargeSelectionExportsInTheBackgroundWithItsProgressInTheDatabase() throws Exception {
        HttpResponse<String> started = as(Role.VIEWER).send("POST", "/api/deploy/exports?format=arm&product=linux&revision=latest",
                null, (String) null, Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/deploy/exports/");
        JsonNode job = JSON.readTree(started.body());
        assertThat(job.path("selection").asString()).isEqualTo("product=linux&revision=latest");
        assertThat(job.path("total").asInt()).isPositive();
        for (int i = 0; i < 300 && !job.path("status").asString().equals("DONE"); i++) {
            assertThat(job.path("status").asString()).isEqualTo("RUNNING");
            Thread.sleep(100);
            job = JSON.readTree(as(Role.VIEWER).get(location).body());
        }
        assertThat(job.path("status").asString()).isEqualTo("DONE");
        assertThat(job.path("done").asInt()).isEqualTo(job.path("total").asInt());
        assertThat(job.path("percent").asInt()).isEqualTo(100);
        Map<String, String> files = unzip(bytes(job.path("zip").asString()).body());
        assertThat(files).containsKeys("azuredeploy.json", "report.json");
        assertThat(JSON.readTree(files.get("report.json")).path("exported").asInt())
                .isEqualTo(job.path("exported").asInt());
        assertThat(as(Role.VIEWER).get("/api/deploy/exports/nope").statusCode()).isEqualTo(404);
        assertThat(as(Role.VIEWER).send("POST", "/api/deploy/exports?format=pdf", null, (String) null, Map.of())
                .statusCode()).isEqualTo(400);

        SignedInSession viewer = new SignedInSession(port).signedInAs(TestCredentials.username(Role.VIEWER),
                TestCredentials.password(Role.VIEWER));
        String rulesPage = viewer.get("/rules?product=linux").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", SignedInSession.csrfTokenIn(rulesPage.substring(rulesPage.indexOf("id=\"deploy-selection\""))));
        form.put("product", "linux");
        form.put("format", "sentinel-yaml");
        HttpResponse<String> redirect = viewer.postForm("/deploy/exports", form);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String page = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(page).contains("/deploy/exports/");
        assertThat(viewer.get(page.replaceFirst("^https?://[^/]+", "")).body())
                .contains("<progress", "sentinel-yaml", "product=linux", "deploy-export.js");
    }

    @Test
    void aSelectionDeploysEachRuleAsItsApprovedRevisionByDefault() throws IOException {
        String id = copyOfSsh();
        String selection = "/api/deploy?format=sentinel-yaml&q=ssh&product=linux";
        JsonNode draft = JSON.readTree(unzip(bytes(selection).body()).get("report.json"));
        assertThat(leftOutReason(draft, id)).startsWith("not approved (review state: draft)");

        TestApi editor = as(Role.EDITOR);
        assertThat(editor.send("POST", "/api/rules/" + id + "/review/submit", null, (String) null, Map.of())
                .statusCode()).isEqualTo(200);
        HttpResponse<String> approval = as(Role.ADMIN).send("POST", "/api/rules/" + id + "/review/approve", null,
                (String) null, Map.of());
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
        int approvedRevision = JSON.readTree(approval.body()).path("approvedRevision").asInt();

        // an edit after the approval waits for review: the approved text is still the one deployed
        HttpResponse<String> current = editor.get("/api/rules/" + id + ".yml");
        String edited = current.body().replaceFirst("(?m)^title: .*$", "title: Shell Invocation via SSH (edited)");
        assertThat(editor.putYaml("/api/rules/" + id, edited, current.headers().firstValue("ETag").orElseThrow())
                .statusCode()).isEqualTo(200);

        Map<String, String> approved = unzip(bytes(selection).body());
        assertThat(leftOutReason(JSON.readTree(approved.get("report.json")), id)).isNull();
        String deployed = approved.entrySet().stream().filter(e -> e.getValue().contains(
                        io.detectionhub.deployment.StableIds.of(id).toString()))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(deployed).doesNotContain("(edited)").contains("version: 1.0." + approvedRevision);

        Map<String, String> latest = unzip(bytes(selection + "&revision=latest").body());
        assertThat(latest.values()).anyMatch(text -> text.contains("(edited)"));
        assertThat(bytes(selection + "&revision=newest").statusCode()).isEqualTo(400);
    }

    private static String leftOutReason(JsonNode report, String ruleId) {
        for (JsonNode rule : report.path("leftOut")) {
            if (rule.path("ruleId").asString().equals(ruleId)) {
                return rule.path("reason").asString();
            }
        }
        return null;
    }

    private String copyOfSsh() {
        String yaml = as(Role.VIEWER).get("/api/rules/" + SSH + ".yml").body()
                .replace(SSH, UUID.randomUUID().toString());
        return as(Role.EDITOR).createRule(yaml);
    }

    private HttpResponse<byte[]> bytes(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", credentials.bearer(Role.VIEWER)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
