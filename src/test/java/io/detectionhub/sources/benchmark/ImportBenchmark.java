package io.detectionhub.sources.benchmark;

import io.detectionhub.DetectionHubApplication;
import io.detectionhub.library.RuleService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Importing the whole SigmaHQ corpus packed as a zip ({@code POST /api/imports}) against the one-request-per-rule loop
 * ({@code POST /api/rules} for each file, one client), in the same run and the same application (H2 in memory,
 * auto-enrichment on, as shipped): the zip import first (cold JVM), then the same zip again (all unchanged), then the
 * library emptied and the loop (warm JVM, so the comparison favours the loop). Prints the seconds and the counts.
 * <pre>
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.detectionhub.sources.benchmark.ImportBenchmark -Dexec.args="../shared"
 * </pre>
 */
public final class ImportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "benchmark-admin-password";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared").toAbsolutePath().normalize();
        Path corpus = shared.resolve("corpus/sigmahq");
        if (!Files.isDirectory(corpus)) {
            System.err.println("No SigmaHQ corpus at " + corpus);
            System.exit(2);
        }
        ConfigurableApplicationContext app = SpringApplication.run(DetectionHubApplication.class,
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:import-benchmark-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1", "--detectionhub.shared-dir=" + shared,
                "--detectionhub.starter-library.enabled=false", "--detectionhub.security.admin.password=" + PASSWORD,
                "--logging.level.root=WARN");
        int exit = 0;
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Client client = new Client(port);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(corpus)) {
                files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            byte[] zip = zip(corpus);
            System.out.printf("SigmaHQ corpus: %d .yml files, zip %.1f MB%n", files.size(), zip.length / 1e6);

            long t0 = System.nanoTime();
            JsonNode first = client.importZip(zip);
            double zipSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("zip import (POST /api/imports, 202, polled to the end): %.1f s, %s%n", zipSeconds,
                    first.get("counts"));

            t0 = System.nanoTime();
            JsonNode again = client.importZip(zip);
            double againSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("same zip again: %.1f s, %s%n", againSeconds, again.get("counts"));

            RuleService rules = app.getBean(RuleService.class);
            long stored = rules.count();
            // Empty the library (not timed): the rows and their dependants (ON DELETE CASCADE).
            app.getBean(JdbcClient.class).sql("DELETE FROM sigma_rule").update();
            app.getBean(JdbcClient.class).sql("UPDATE library_state SET version = version + 1").update();

            t0 = System.nanoTime();
            int created = 0;
            int refused = 0;
            for (Path file : files) {
                int status = client.postRule(Files.readAllBytes(file));
                if (status == 201) {
                    created++;
                } else {
                    refused++;
                }
            }
            double loopSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("one request per rule (POST /api/rules x %d): %.1f s, %d created, %d refused%n",
                    files.size(), loopSeconds, created, refused);
            System.out.printf("rules stored by the zip import: %d; by the loop: %d%n", stored, rules.count());
            System.out.printf("zip import / loop: %.2f (the loop takes %.1f times as long)%n",
                    zipSeconds / loopSeconds, loopSeconds / zipSeconds);
        } catch (RuntimeException e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            app.close();
        }
        System.exit(exit);
    }

    public static byte[] zip(Path corpus) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(corpus)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry("sigma/" + corpus.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** HTTP with an admin API key (created once with the admin's password: one password hash, not one per call). */
    private static final class Client {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String bearer;

        Client(int port) throws Exception {
            this.base = "http://localhost:" + port;
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> key = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/api-keys"))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"benchmark\",\"role\":\"admin\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            this.bearer = "Bearer " + JSON.readTree(key.body()).get("secret").asString();
        }

        JsonNode importZip(byte[] zip) throws Exception {
            String boundary = "----bench" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sigma.zip\""
                    + "\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(zip);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports"))
                    .header("Authorization", bearer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + started.statusCode() + " " + started.body());
            }
            String location = started.headers().firstValue("Location").orElseThrow();
            while (true) {
                JsonNode job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + location
                                + "?status=invalid")).header("Authorization", bearer).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String state = job.get("state").asString();
                if (!state.equals("queued") && !state.equals("running")) {
                    return job;
                }
                Thread.sleep(50);
            }
        }

        int postRule(byte[] yaml) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/rules")).header("Authorization", bearer)
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofByteArray(yaml))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
