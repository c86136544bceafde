package io.detectionhub.library;

import io.detectionhub.testsupport.AppProcess;
import io.detectionhub.testsupport.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write the API acknowledged survives the process being killed right after: the application runs as a separate
 * process, several clients stream rule creates into it, it is killed with SIGKILL in the middle of the stream,
 * started again on the same database, and every rule that was answered 201 must be there byte for byte, with its
 * enrichment; nothing in the database may be half-written. Once on H2 in file mode (the default configuration's URL)
 * and once on PostgreSQL (the production profile).
 */
class AcknowledgedWritesSurviveKillTest {

    static final int CLIENTS = 4;
    static final int ACKNOWLEDGED_BEFORE_KILL = 250;
    static final Duration LONGEST_STREAM = Duration.ofSeconds(20);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The first admin, from configuration; the clients use an API key it creates (cheaper than a password check). */
    static final List<String> ADMIN = List.of("--detectionhub.security.admin.username=kill-test-admin",
            "--detectionhub.security.admin.password=kill-test-password-1234");
    static final String ADMIN_BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "kill-test-admin:kill-test-password-1234".getBytes(StandardCharsets.UTF_8));

    /** The key of this test's clients, created through the first app process (stored, so valid after a restart). */
    private String bearer;

    @TempDir
    Path temp;

    @Test
    void onH2InFileMode() throws Exception {
        Path data = temp.resolve("data");
        List<String> arguments = withAdmin("--detectionhub.data-dir=" + data, "--detectionhub.starter-library.enabled=false");
        Map<String, Acknowledged> acknowledged = streamAndKill(arguments, Map.of());
        try (AppProcess app = AppProcess.start(arguments, Map.of(), temp.resolve("restart.log"))) {
            assertAllPresent(app, acknowledged);
            app.stop();
        }
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("detectionhub"), "sa", "")) {
            assertNothingHalfWritten(db, acknowledged);
        }
    }

    @Test
    void onPostgres() throws Exception {
        String url = EmbeddedPostgresDatabase.newDatabaseUrl();
        Map<String, String> environment = Map.of("DETECTIONHUB_DB_URL", url, "DETECTIONHUB_DB_USER", "postgres",
                "DETECTIONHUB_DB_PASSWORD", "");
        List<String> arguments = withAdmin("--spring.profiles.active=postgres",
                "--detectionhub.data-dir=" + temp.resolve("data"), "--detectionhub.starter-library.enabled=false");
        Map<String, Acknowledged> acknowledged = streamAndKill(arguments, environment);
        try (AppProcess app = AppProcess.start(arguments, environment, temp.resolve("restart.log"))) {
            assertAllPresent(app, acknowledged);
        }
        try (Connection db = DriverManager.getConnection(url)) {
            assertNothingHalfWritten(db, acknowledged);
        }
    }

    private static List<String> withAdmin(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(ADMIN);
        return List.copyOf(all);
    }

    /** Creates an API key for the clients (editor role) as the configured admin. */
    private static String createKey(AppProcess app) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.baseUrl() + "/api/admin/api-keys"))
                .header("Authorization", ADMIN_BASIC).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"kill-test\", \"role\": \"editor\"}"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "Bearer " + JSON.readTree(created.body()).get("secret").asString();
    }

    /** What the API confirmed: the YAML sent and the hunt hypothesis of its enrichment. */
    record Acknowledged(String yaml, String huntHypothesis) {
    }

    /** Starts the app, streams creates from several clients, kills the app during the stream. */
    private Map<String, Acknowledged> streamAndKill(List<String> arguments, Map<String, String> environment)
            throws Exception {
        Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AppProcess app = AppProcess.start(arguments, environment, temp.resolve("first.log"));
        bearer = createKey(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                for (int n = 0; !killed.get(); n++) {
                    String id = UUID.randomUUID().toString();
                    String yaml = ruleYaml(id, client, n);
                    String hypothesis = "Client " + client + " wrote rule " + n + " (" + id + ").";
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create(app.baseUrl() + "/api/rules"))
                                .header("Content-Type", "application/json").header("Authorization", bearer)
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                        "yaml", yaml, "enrichment", Map.of("huntHypothesis", hypothesis))),
                                        StandardCharsets.UTF_8))
                                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        if (response.statusCode() == 201) {
                            acknowledged.put(id, new Acknowledged(yaml, hypothesis));
                            enough.countDown();
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (IOException connectionLost) {
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        enough.await(LONGEST_STREAM.toSeconds(), TimeUnit.SECONDS);
        // The clients are still sending: the kill lands on creates in flight and on some just acknowledged.
        int status = app.kill();
        killed.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(status).as("killed by SIGKILL").isEqualTo(AppProcess.KILLED_BY_SIGKILL);
        assertThat(refused.get()).as("creates refused before the kill").isZero();
        assertThat(acknowledged).as("creates acknowledged before the kill").hasSizeGreaterThanOrEqualTo(
                ACKNOWLEDGED_BEFORE_KILL);
        return Map.copyOf(acknowledged);
    }

    private void assertAllPresent(AppProcess app, Map<String, Acknowledged> acknowledged) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> lost = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Acknowledged> rule : acknowledged.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(app.baseUrl() + "/api/rules/" + rule.getKey())).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 404) {
                lost.add(rule.getKey());
                continue;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode stored = JSON.readTree(response.body());
            if (!stored.get("yaml").asString().equals(rule.getValue().yaml())
                    || !stored.at("/enrichment/huntHypothesis").asString().equals(rule.getValue().huntHypothesis())) {
                changed.add(rule.getKey());
            }
        }
        System.out.printf("%s: killed after %d acknowledged creates; %d of them lost after the restart%n",
                app.baseUrl(), acknowledged.size(), lost.size());
        assertThat(lost).as(lost.size() + " of " + acknowledged.size() + " acknowledged rules lost").isEmpty();
        assertThat(changed).as("acknowledged rules stored differently").isEmpty();
    }

    /** Every stored rule (acknowledged or caught in flight) has its enrichment row and all of its tags. */
    private static void assertNothingHalfWritten(Connection db, Map<String, Acknowledged> acknowledged)
            throws SQLException {
        try (Statement sql = db.createStatement()) {
            assertThat(count(sql, "SELECT COUNT(*) FROM sigma_rule r WHERE NOT EXISTS"
                    + " (SELECT 1 FROM rule_enrichment e WHERE e.rule_id = r.id)")).as("rules without enrichment")
                    .isZero();
            assertThat(count(sql, "SELECT COUNT(*) FROM sigma_rule r WHERE 2 <>"
                    + " (SELECT COUNT(*) FROM rule_tag t WHERE t.rule_id = r.id)")).as("rules missing tags").isZero();
            long rules = count(sql, "SELECT COUNT(*) FROM sigma_rule");
            assertThat(rules).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(count(sql, "SELECT version FROM library_state WHERE id = 1")).as("library version")
                    .isGreaterThanOrEqualTo(rules);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A valid rule with text outside ASCII, so that "byte for byte" covers the encoding too. */
    static String ruleYaml(String id, int client, int n) {
        return """
                title: Crash test %d-%d – Zugriff über „curl“ 🔥
                id: %s
                status: test
                description: Written by client %d as create number %d.
                tags:
                    - attack.execution
                    - attack.t1059.004
                logsource:
                    category: process_creation
                    product: linux
                detection:
                    selection:
                        Image|endswith: '/curl'
                        CommandLine|contains: 'marker-%s'
                    condition: selection
                level: medium
                """.formatted(client, n, id, client, n, id);
    }
}
