package io.detectionhub;

import io.detectionhub.attack.catalog.generate.CatalogGeneratorTest;
import io.detectionhub.testsupport.EmbeddedPostgresDatabase;
import io.detectionhub.testsupport.SignedInSession;
import io.detectionhub.testsupport.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application (two Spring contexts, each on its own port) on one PostgreSQL database, as behind
 * a load balancer: what is changed through one is seen through the other on its very next request, caches included
 * (search facets, the compiled library of evaluation, coverage, user targets, the ATT&amp;CK catalogue), and
 * concurrent edits through both lose nothing; a session started through one is known to the other, and a sign-out
 * through either ends it on both (sessions are stored in the database).
 */
class TwoInstancesOnOnePostgresTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RULE_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String RULE = """
            title: Two instances test rule
            id: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
            status: test
            tags:
                - attack.execution
                - attack.t1059.004
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    Image|endswith: '/curl'
                condition: selection
            falsepositives:
                - Unknown
            level: low
            """;
    static final String TARGET = """
            name: two-instances-edr
            unmapped-fields: refuse
            logsources:
              - category: process_creation
                table: Edr_CL
            tables:
              Edr_CL:
                timestamp: TimeGenerated
                columns: {TimeGenerated: datetime, ProcessPath: string, FilePath: string}
                fields:
                  Image: ProcessPath
            """;

    /** The first admin, created from configuration by whichever instance starts first. */
    static final String ADMIN_NAME = "two-instances-admin";
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString(
            (ADMIN_NAME + ":" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static TestApi a;
    static TestApi b;

    @BeforeAll
    static void startTwoInstances() {
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        first = start(url);
        second = start(url);
        a = new TestApi(port(first), ADMIN);
        b = new TestApi(port(second), ADMIN);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    /** The application as shipped (auto-enrichment, catalogue refresh interval), only without starter rules. */
    static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(DetectionHubApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--detectionhub.starter-library.enabled=false",
                "--spring.main.banner-mode=off", "--detectionhub.security.admin.username=" + ADMIN_NAME,
                "--detectionhub.security.admin.password=" + ADMIN_PASSWORD);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void anEditThroughOneIsSeenThroughTheOtherAtOnce() {
        b.delete("/api/rules/" + RULE_ID);
        assertThat(a.send("POST", "/api/rules", "application/yaml", RULE, Map.of()).statusCode()).isEqualTo(201);
        assertThat(json(b.get("/api/rules/" + RULE_ID)).get("yaml").asString()).isEqualTo(RULE);
        String event = "{\"events\": [{\"Image\": \"/usr/bin/wget\"}, {\"Image\": \"/usr/bin/curl\"}]}";
        // warm every cache of the second instance on the first version
        assertThat(eventsMatched(b, event)).containsExactly(1);
        assertThat(json(b.get("/api/rules?facets=true")).at("/facets/levels/low").asInt()).isEqualTo(1);
        assertThat(covered(b, "T1105")).isFalse();

        String edited = RULE.replace("'/curl'", "'/wget'").replace("level: low", "level: high")
                .replace("    - attack.t1059.004\n", "    - attack.t1105\n");
        HttpResponse<String> put = a.send("PUT", "/api/rules/" + RULE_ID, "application/yaml", edited,
                Map.of("If-Match", b.get("/api/rules/" + RULE_ID).headers().firstValue("ETag").orElseThrow()));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        HttpResponse<String> read = b.get("/api/rules/" + RULE_ID);
        assertThat(json(read).get("yaml").asString()).isEqualTo(edited);
        assertThat(read.headers().firstValue("ETag")).isEqualTo(put.headers().firstValue("ETag"));
        assertThat(eventsMatched(b, event)).containsExactly(0);
        assertThat(json(b.get("/api/rules?facets=true")).at("/facets/levels/high").asInt()).isEqualTo(1);
        assertThat(json(b.get("/api/rules?q=wget")).get("total").asInt()).isEqualTo(1);
        assertThat(covered(b, "T1105")).isTrue();
    }

    @Test
    void aDeleteThroughOneIsSeenThroughTheOtherAtOnce() {
        b.delete("/api/rules/" + RULE_ID);
        a.send("POST", "/api/rules", "application/yaml", RULE, Map.of());
        String event = "{\"events\": [{\"Image\": \"/usr/bin/curl\"}]}";
        assertThat(eventsMatched(b, event)).containsExactly(0);
        assertThat(a.delete("/api/rules/" + RULE_ID).statusCode()).isEqualTo(204);
        assertThat(b.get("/api/rules/" + RULE_ID).statusCode()).isEqualTo(404);
        assertThat(json(b.get("/api/rules")).get("total").asInt()).isZero();
        assertThat(eventsMatched(b, event)).isEmpty();
    }

    @Test
    void aTargetChangeThroughOneIsSeenThroughTheOtherAtOnce() {
        b.delete("/api/targets/two-instances-edr");
        b.delete("/api/rules/" + RULE_ID);
        a.send("POST", "/api/rules", "application/yaml", RULE, Map.of());
        assertThat(a.send("POST", "/api/targets", "application/yaml", TARGET, Map.of()).statusCode()).isEqualTo(201);
        String kql = "/api/rules/" + RULE_ID + "/kql?target=two-instances-edr";
        assertThat(b.get(kql).body()).contains("ProcessPath endswith");

        HttpResponse<String> replaced = a.send("PUT", "/api/targets/two-instances-edr", "application/yaml",
                TARGET.replace("Image: ProcessPath", "Image: FilePath"), Map.of("If-Match", "\"1\""));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(b.get(kql).body()).contains("FilePath endswith").doesNotContain("ProcessPath endswith");
        assertThat(b.get("/api/targets/two-instances-edr").headers().firstValue("ETag")).hasValue("\"2\"");

        assertThat(a.delete("/api/targets/two-instances-edr").statusCode()).isEqualTo(204);
        assertThat(b.get(kql).statusCode()).isEqualTo(404);
    }

    @Test
    void aCatalogueLoadThroughOneIsSeenThroughTheOtherAtOnce() throws IOException, java.net.URISyntaxException {
        byte[] bundle = Files.readAllBytes(CatalogGeneratorTest.fixture()
                .resolve("attack/enterprise-attack-subset.json"));
        assertThat(json(b.get("/api/attack/tactics")).size()).isEqualTo(15);
        HttpResponse<String> loaded = a.send("PUT", "/api/admin/attack?source=fixture", "application/json",
                bundle, Map.of());
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        try {
            assertThat(json(b.get("/api/attack/tactics")).size()).isEqualTo(4);
        } finally {
            assertThat(a.send("DELETE", "/api/admin/attack", null, (byte[]) null, Map.of()).statusCode()).isEqualTo(204);
        }
        assertThat(json(b.get("/api/attack/tactics")).size()).isEqualTo(15);
    }

    /** Writers on both instances add their own line to one rule, each with If-Match, retrying when refused. */
    @Test
    void concurrentEditsThroughBothLoseNothing() throws Exception {
        b.delete("/api/rules/" + RULE_ID);
        long start = json(a.send("POST", "/api/rules", "application/yaml", RULE, Map.of())).get("version").asLong();
        int writers = 4;
        int changesEach = 5;
        AtomicInteger refused = new AtomicInteger();
        CyclicBarrier sameStart = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            TestApi through = w % 2 == 0 ? a : b;
            done.add(pool.submit(() -> {
                for (int change = 0; change < changesEach; change++) {
                    String line = "    - writer " + writer + " change " + change + "\n";
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<String> read = through.get("/api/rules/" + RULE_ID);
                        if (change == 0 && attempt == 0) {
                            sameStart.await(30, TimeUnit.SECONDS);
                        }
                        String next = json(read).get("yaml").asString()
                                .replace("falsepositives:\n", "falsepositives:\n" + line);
                        HttpResponse<String> put = through.send("PUT", "/api/rules/" + RULE_ID, "application/yaml",
                                next, Map.of("If-Match", read.headers().firstValue("ETag").orElseThrow()));
                        if (put.statusCode() == 200) {
                            break;
                        }
                        assertThat(put.statusCode()).as(put.body()).isIn(409, 412);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> writer : done) {
            writer.get(120, TimeUnit.SECONDS);
        }
        JsonNode rule = json(b.get("/api/rules/" + RULE_ID));
        for (int w = 0; w < writers; w++) {
            for (int change = 0; change < changesEach; change++) {
                assertThat(rule.get("yaml").asString()).contains("    - writer " + w + " change " + change + "\n");
            }
        }
        assertThat(rule.get("version").asLong() - start).isEqualTo(writers * changesEach);
        assertThat(refused.get()).isGreaterThanOrEqualTo(writers - 1);
    }

    /** Indexes of the events the whole library matches, evaluated through one instance. */
    private static List<Integer> eventsMatched(TestApi instance, String request) {
        HttpResponse<String> result = instance.send("POST", "/api/evaluate", "application/json", request, Map.of());
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        List<Integer> indexes = new ArrayList<>();
        json(result).get("matches").forEach(m -> indexes.add(m.get("eventIndex").asInt()));
        return indexes;
    }

    /** Whether the coverage report of one instance counts a rule for the technique. */
    private static boolean covered(TestApi instance, String techniqueId) {
        return ruleCount(json(instance.get("/api/coverage")), techniqueId) > 0;
    }

    private static int ruleCount(JsonNode node, String techniqueId) {
        if (node.isObject() && techniqueId.equals(node.path("id").asString()) && node.has("ruleCount")) {
            return node.get("ruleCount").asInt();
        }
        int found = 0;
        for (JsonNode child : node) {
            found = Math.max(found, ruleCount(child, techniqueId));
        }
        return found;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aSessionStartedThroughOneInstanceIsSignedOutThroughTheOther() {
        SignedInSession browser = new SignedInSession(port(first)).signedInAs(ADMIN_NAME, ADMIN_PASSWORD);
        String secondBase = "http://localhost:" + port(second);
        // The same session cookie (the browser's jar matches localhost on any port, as behind a load balancer).
        HttpResponse<String> onSecond = browser.send(HttpRequest.newBuilder(URI.create(secondBase + "/rules")).GET()
                .build());
        assertThat(onSecond.statusCode()).as("the session started on the first instance").isEqualTo(200);
        String token = SignedInSession.csrfTokenIn(onSecond.body());

        HttpResponse<String> signOut = browser.send(HttpRequest.newBuilder(URI.create(secondBase + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8))).build());
        assertThat(signOut.statusCode()).isEqualTo(302);

        HttpResponse<String> backOnFirst = browser.get("/rules");
        assertThat(backOnFirst.statusCode()).as("signed out through the second instance").isEqualTo(302);
        assertThat(backOnFirst.headers().firstValue("Location").orElse("")).contains("/login");
    }
}
