package io.detectionhub.translate.custom;

import io.detectionhub.security.Role;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The targets API through the real HTTP stack (Tomcat on a random port), run on H2 ({@link CustomTargetApiH2Test}) and
 * on a real PostgreSQL ({@link CustomTargetApiPostgresTest}).
 */
abstract class CustomTargetApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String YAML = "application/yaml";
    /** A change of whatever version is stored ({@code If-Match: *}), for tests about something else. */
    private static final Map<String, String> ANY_VERSION = Map.of("If-Match", "*");

    @LocalServerPort
    int port;

    @Autowired
    TestCredentials credentials;

    private HttpClient signedInClient;

    /** The history names the authenticated principal; an X-User header (formerly the author) is ignored. */
    @Test
    void createReadReplaceHistoryDelete() {
        HttpResponse<String> created = send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-a"),
                Map.of("X-User", "alice", "X-Change-Comment", "first cut"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/targets/edr-a"));
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode view = json(created);
        assertThat(view.path("kind").asString()).isEqualTo("user");
        JsonNode described = json(send("GET", "/api/targets/edr-a", null, null, Map.of()));
        assertThat(described.path("name").asString()).isEqualTo("edr-a");
        assertThat(described.path("tables").get(0).path("name").asString()).isEqualTo("MyEdr_CL");
        JsonNode listed = json(send("GET", "/api/targets", null, null, Map.of()));
        assertThat(listed.findValuesAsString("name")).contains("sentinel-asim", "edr-a", "custom");
        assertThat(view.path("version").asInt()).isEqualTo(1);
        assertThat(view.path("changedBy").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));
        assertThat(view.path("comment").asString()).isEqualTo("first cut");
        assertThat(view.path("tables").get(0).path("fields").path("User").get(0).asString())
                .isEqualTo("UserName (split-domain: UserDomain)");

        HttpResponse<String> yaml = send("GET", "/api/targets/edr-a?format=yaml", null, null, Map.of());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(YAML));
        assertThat(yaml.body()).isEqualTo(TargetFiles.myEdr("edr-a"));
        HttpResponse<String> byAccept = send("GET", "/api/targets/edr-a", null, null, Map.of("Accept", YAML));
        assertThat(byAccept.body()).isEqualTo(TargetFiles.myEdr("edr-a"));

        String changed = TargetFiles.myEdr("edr-a").replace("unmapped-fields: refuse", "unmapped-fields: passthrough");
        HttpResponse<String> replaced = send("PUT", "/api/targets/edr-a?comment=let%20unknown%20fields%20through",
                YAML, changed, Map.of("X-User", "bob", "If-Match", "\"1\"", "Authorization",
                        credentials.bearer(Role.EDITOR)));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).path("version").asInt()).isEqualTo(2);
        assertThat(json(replaced).path("unmappedFields").asString()).isEqualTo("passthrough");

        HttpResponse<String> stale = send("PUT", "/api/targets/edr-a", YAML, changed, Map.of("If-Match", "\"1\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertProblem(stale);

        assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(json(stale).path("currentVersion").asInt()).isEqualTo(2);
        assertThat(json(stale).path("changedBy").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        HttpResponse<String> unconditional = send("PUT", "/api/targets/edr-a", YAML, changed, Map.of());
        assertThat(unconditional.statusCode()).isEqualTo(428);
        assertThat(assertProblem(unconditional).path("type").asString()).endsWith("/precondition-required");
        assertThat(send("DELETE", "/api/targets/edr-a", null, null, Map.of()).statusCode()).isEqualTo(428);
        assertThat(send("DELETE", "/api/targets/edr-a", null, null, Map.of("If-Match", "\"1\"")).statusCode())
                .isEqualTo(412);
        assertThat(send("GET", "/api/targets/edr-a", null, null, Map.of()).headers().firstValue("ETag"))
                .hasValue("\"2\"");

        HttpResponse<String> deleted = send("DELETE", "/api/targets/edr-a", null, null,
                Map.of("X-User", "carol", "X-Change-Comment", "EDR retired", "If-Match", "\"2\"", "Authorization",
                        credentials.basic(Role.EDITOR)));
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/targets/edr-a", null, null, Map.of()).statusCode()).isEqualTo(404);

        JsonNode history = json(send("GET", "/api/targets/edr-a/versions", null, null, Map.of()));
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.get(0).path("action").asString()).isEqualTo("deleted");
        assertThat(history.get(0).path("changedBy").asString()).isEqualTo(TestCredentials.username(Role.EDITOR));
        assertThat(history.get(0).path("comment").asString()).isEqualTo("EDR retired");
        assertThat(history.get(1).path("changedBy").asString()).isEqualTo(credentials.keyActor(Role.EDITOR));
        assertThat(history.get(1).path("comment").asString()).isEqualTo("let unknown fields through");
        assertThat(history.get(2).path("changedBy").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));
        HttpResponse<String> first = send("GET", "/api/targets/edr-a/versions/1?format=yaml", null, null, Map.of());
        assertThat(first.body()).isEqualTo(TargetFiles.myEdr("edr-a"));

        HttpResponse<String> again = send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-a"), Map.of());
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("version").asInt()).isEqualTo(4);
        assertThat(json(again).path("changedBy").asString()).isEqualTo(credentials.keyActor(Role.ADMIN));
    }

    @Test
    void jsonBodiesAreAcceptedAndStoredAsYaml() {
        String definition = """
                {"name": "edr-json", "unmapped-fields": "passthrough",
                 "logsources": [{"table": "MyEdr_CL", "reason": "all to one table"}],
                 "tables": {"MyEdr_CL": {"fields": {"Image": "ProcessPath"}}}}
                """;
        HttpResponse<String> created = send("POST", "/api/targets", "application/json", definition, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String yaml = send("GET", "/api/targets/edr-json?format=yaml", null, null, Map.of()).body();
        assertThat(yaml).contains("name: edr-json").contains("Image: ProcessPath");

        String envelope = JSON.writeValueAsString(Map.of("definition", TargetFiles.myEdr("edr-envelope"),
                "comment", "from a playbook"));
        HttpResponse<String> wrapped = send("POST", "/api/targets", "application/json", envelope, Map.of());
        assertThat(wrapped.statusCode()).as(wrapped.body()).isEqualTo(201);
        assertThat(json(wrapped).path("comment").asString()).isEqualTo("from a playbook");
        assertThat(send("GET", "/api/targets/edr-envelope?format=yaml", null, null, Map.of()).body())
                .isEqualTo(TargetFiles.myEdr("edr-envelope"));
    }

    @Test
    void validationReportsEveryProblemAndSavesNothing() {
        HttpResponse<String> ok = send("POST", "/api/targets/validate", YAML, TargetFiles.myEdr("edr-valid"), Map.of());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).path("tables").get(0).asString()).isEqualTo("MyEdr_CL");
        assertThat(send("GET", "/api/targets/edr-valid", null, null, Map.of()).statusCode()).isEqualTo(404);

        String broken = TargetFiles.myEdr("edr-broken")
                .replace("Image: ProcessPath", "Image: NoSuchColumn")
                .replace("unmapped-fields: refuse", "unmapped-fields: sometimes");
        HttpResponse<String> bad = send("POST", "/api/targets/validate", YAML, broken, Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode problem = assertProblem(bad);
        assertThat(problem.path("errors").size()).isEqualTo(2);
        assertThat(bad.body()).contains("NoSuchColumn").contains("sometimes");
        assertThat(problem.path("errors").get(0).path("path").asString()).isNotEmpty();

        HttpResponse<String> notYaml = send("POST", "/api/targets", YAML, "name: [unclosed", Map.of());
        assertThat(notYaml.statusCode()).isEqualTo(400);
        assertProblem(notYaml);

        String bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        HttpResponse<String> exploded = send("POST", "/api/targets/validate", YAML, bomb, Map.of());
        assertThat(exploded.statusCode()).isEqualTo(400);
    }

    @Test
    void namesOfBuiltInsAndTakenNamesAreConflicts() {
        String asimCopy = TargetRegistry.builtIn().definition("sentinel-asim").orElseThrow();
        HttpResponse<String> clash = send("POST", "/api/targets", YAML, asimCopy, Map.of());
        assertThat(clash.statusCode()).isEqualTo(409);
        assertProblem(clash);
        assertThat(send("PUT", "/api/targets/sentinel-asim", YAML, asimCopy, ANY_VERSION).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/targets/defender-xdr", null, null, ANY_VERSION).statusCode()).isEqualTo(409);
        HttpResponse<String> generic = send("POST", "/api/targets", YAML, TargetFiles.myEdr("custom"), Map.of());
        assertThat(generic.statusCode()).isEqualTo(400);
        assertThat(generic.body()).contains("not 'custom'");

        assertThat(send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-twice"), Map.of()).statusCode()).isEqualTo(201);
        HttpResponse<String> twice = send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-twice"), Map.of());
        assertThat(twice.statusCode()).isEqualTo(409);
        assertProblem(twice);

        HttpResponse<String> renamed = send("PUT", "/api/targets/edr-twice", YAML, TargetFiles.myEdr("edr-other"), ANY_VERSION);
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/api/targets/edr-missing", YAML, TargetFiles.myEdr("edr-missing"), ANY_VERSION).statusCode())
                .isEqualTo(404);
    }

    @Test
    void builtInsAndTheGenericTargetAreReadableTheSameWay() {
        HttpResponse<String> yaml = send("GET", "/api/targets/defender-xdr?format=yaml", null, null, Map.of());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).isEqualTo(TargetRegistry.builtIn().definition("defender-xdr").orElseThrow());
        assertThat(send("GET", "/api/targets/sentinel-asim", null, null, Map.of("Accept", YAML)).body())
                .isEqualTo(TargetRegistry.builtIn().definition("sentinel-asim").orElseThrow());
        assertThat(json(send("GET", "/api/targets/sentinel-asim/versions", null, null, Map.of())).size()).isZero();

        String generic = send("GET", "/api/targets/custom?format=yaml&table=Syslog_CL", null, null, Map.of()).body();
        assertThat(generic).contains("table: Syslog_CL").contains("unmapped-fields: passthrough");

        HttpResponse<String> unknown = send("GET", "/api/targets/no-such-target", null, null, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblem(unknown);
    }

    @Test
    void baseTargetsChainAndLoopsAreRefused() {
        assertThat(send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-parent"), Map.of()).statusCode()).isEqualTo(201);
        String child = """
                name: edr-child
                base: edr-parent
                tables:
                  MyEdr_CL:
                    fields:
                      CurrentDirectory: DeviceName
                """;
        HttpResponse<String> created = send("POST", "/api/targets", YAML, child, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = json(created);
        assertThat(view.path("base").asString()).isEqualTo("edr-parent");
        assertThat(view.path("tables").get(0).path("fields").has("Image")).isTrue();

        HttpResponse<String> stillBase = send("DELETE", "/api/targets/edr-parent", null, null, ANY_VERSION);
        assertThat(stillBase.statusCode()).isEqualTo(409);
        assertThat(stillBase.body()).contains("edr-child");

        String loop = TargetFiles.myEdr("edr-parent").replace("unmapped-fields: refuse", "base: edr-child");
        HttpResponse<String> looped = send("PUT", "/api/targets/edr-parent", YAML, loop, ANY_VERSION);
        assertThat(looped.statusCode()).isEqualTo(400);
        assertThat(looped.body()).contains("loop");

        String breaksChild = TargetFiles.myEdr("edr-parent").replace("      DeviceName: string\n", "")
                .replace("[TimeGenerated, DeviceName, ", "[TimeGenerated, ");
        HttpResponse<String> broken = send("PUT", "/api/targets/edr-parent", YAML, breaksChild, ANY_VERSION);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("edr-child").contains("DeviceName");

        String unknownBase = "name: edr-orphan\nbase: edr-nowhere\n";
        HttpResponse<String> orphan = send("POST", "/api/targets", YAML, unknownBase, Map.of());
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(orphan.body()).contains("edr-nowhere");
    }

    @Test
    void previewTranslatesARuleWithAnUnsavedDefinition() {
        String rule = TargetFiles.read("ssh_shell.yml");
        String request = JSON.writeValueAsString(Map.of("definition", TargetFiles.myEdr("edr-preview"), "rule", rule));
        HttpResponse<String> preview = send("POST", "/api/targets/preview", "application/json", request, Map.of());
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode query = json(preview).path("queries").get(0);
        assertThat(query.path("query").asString()).startsWith("MyEdr_CL\n| where ").contains("ProcessPath endswith \"/ssh\"");
        assertThat(query.path("explanation").path("table").asString()).isEqualTo("MyEdr_CL");
        assertThat(query.path("explanationText").asString()).contains("Field Image: mapped to ProcessPath");
        assertThat(send("GET", "/api/targets/edr-preview", null, null, Map.of()).statusCode()).isEqualTo(404);

        String unmapped = rule.replace("Image|endswith", "OriginalFileName|endswith");
        HttpResponse<String> refused = send("POST", "/api/targets/preview", "application/json",
                JSON.writeValueAsString(Map.of("definition", TargetFiles.myEdr("edr-preview"), "rule", unmapped)), Map.of());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(assertProblem(refused).path("detail").asString()).contains("OriginalFileName");

        HttpResponse<String> noRule = send("POST", "/api/targets/preview", "application/json",
                JSON.writeValueAsString(Map.of("definition", TargetFiles.myEdr("edr-preview"), "ruleId", "no-such-rule")),
                Map.of());
        assertThat(noRule.statusCode()).isEqualTo(404);
    }

    @Test
    void userTargetsWorkInEveryKqlEndpoint() {
        assertThat(send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-kql"), Map.of()).statusCode()).isEqualTo(201);
        String rule = TargetFiles.read("ssh_shell.yml");
        HttpResponse<String> text = send("POST", "/api/translate?target=edr-kql", YAML, rule, Map.of("Accept", "text/plain"));
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(text.body()).startsWith("MyEdr_CL\n| where ").contains("ProcessPath endswith \"/ssh\"");

        HttpResponse<String> stored = send("POST", "/api/rules", YAML, rule, Map.of());
        assertThat(stored.statusCode()).as(stored.body()).isIn(201, 409);
        String id = "8737b7f6-8df3-4bb7-b1da-06019b99b687";
        HttpResponse<String> explained = send("GET", "/api/rules/" + id + "/kql?target=edr-kql&explain=true", null, null,
                Map.of("Accept", "text/plain"));
        assertThat(explained.body()).contains("// Table: MyEdr_CL").contains("// Field Image: mapped to ProcessPath");
        JsonNode json = json(send("GET", "/api/rules/" + id + "/kql?target=edr-kql", null, null,
                Map.of("Accept", "application/json")));
        assertThat(json.path("explanation").path("tableReason").asString()).contains("MyEdr_CL");
        HttpResponse<String> download = send("GET", "/api/rules/" + id + ".kql?target=edr-kql", null, null, Map.of());
        assertThat(download.body()).contains("// Target: edr-kql (MyEdr_CL)");

        String unmapped = rule.replace("Image|endswith", "OriginalFileName|endswith");
        HttpResponse<String> refused = send("POST", "/api/translate?target=edr-kql", YAML, unmapped, Map.of("Accept", "text/plain"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("OriginalFileName");
        assertThat(send("POST", "/api/translate?target=edr-gone", YAML, rule, Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void evaluationReadsEventsInAUserTargetSchema() {
        assertThat(send("POST", "/api/targets", YAML, TargetFiles.myEdr("edr-eval"), Map.of()).statusCode()).isEqualTo(201);
        String rule = TargetFiles.read("ssh_shell.yml");
        String request = JSON.writeValueAsString(Map.of("rule", rule, "events", java.util.List.of(
                Map.of("ProcessPath", "/usr/bin/ssh", "ProcessCommandLine", "ssh -o permitlocalcommand=yes -c /bin/bash"),
                Map.of("ProcessPath", "/usr/bin/ssh", "ProcessCommandLine", "ssh host"))));
        HttpResponse<String> result = send("POST", "/api/evaluate?schema=edr-eval", "application/json", request, Map.of());
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        JsonNode matches = json(result).path("matches");
        assertThat(matches.size()).as(result.body()).isEqualTo(1);
        assertThat(matches.get(0).path("eventIndex").asInt()).isZero();

        // a change of the user target is seen by the next evaluation (engines are cached per targets revision)
        String renamed = TargetFiles.myEdr("edr-eval").replace("Image: ProcessPath", "Image: DeviceName");
        assertThat(send("PUT", "/api/targets/edr-eval", YAML, renamed, ANY_VERSION).statusCode()).isEqualTo(200);
        HttpResponse<String> after = send("POST", "/api/evaluate?schema=edr-eval", "application/json", request, Map.of());
        assertThat(json(after).path("matches").size()).as(after.body()).isZero();

        HttpResponse<String> unknown = send("POST", "/api/evaluate?schema=edr-nowhere", "application/json", request, Map.of());
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    private JsonNode assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
                                      Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client signed in as the test admin (its API key). */
    private HttpClient http() {
        if (signedInClient == null) {
            signedInClient = credentials.http(Role.ADMIN);
        }
        return signedInClient;
    }
}
