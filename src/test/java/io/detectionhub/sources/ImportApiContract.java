package io.detectionhub.sources;

import io.detectionhub.library.RuleService;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/imports}: archives and files imported as background jobs with their report, conflicts, cancel; run on
 * H2 ({@link ImportApiH2Test}) and PostgreSQL ({@link ImportApiPostgresTest}).
 */
abstract class ImportApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String rule(String id, String title, String value) {
        return "title: " + title + "\nid: " + id + "\nstatus: test\nlogsource:\n    product: windows\n"
                + "    category: process_creation\ndetection:\n    selection:\n        Image|endswith: '" + value + "'\n"
                + "    condition: selection\nlevel: medium\n";
    }

    static final String ID_A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String ID_B = "aaaaaaaa-0000-4000-8000-000000000002";
    static final String ID_C = "aaaaaaaa-0000-4000-8000-000000000003";

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyLibrary() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
    }

    /** A SigmaHQ-like repository: rule folders, a LICENSE, files that are not rules, a multi-document file. */
    static Map<String, String> repository() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("sigma-main/LICENSE", "# Licenses\n\nThe rules are under the Detection Rule License (DRL) 1.1.\n");
        files.put("sigma-main/README.md", "# Sigma\n");
        files.put("sigma-main/.github/workflows/ci.yml", "on: push\n");
        files.put("sigma-main/tests/config.yml", "x: 1\n");
        files.put("sigma-main/rules/windows/a.yml", rule(ID_A, "Rule A", "\\a.exe"));
        files.put("sigma-main/rules-emerging-threats/b.yml", rule(ID_B, "Rule B", "\\b.exe") + "---\n"
                + rule(ID_C, "Rule C", "\\c.exe"));
        files.put("sigma-main/deprecated/broken.yml", "title: Broken\nlogsource: {}\n");
        return files;
    }

    @Test
    void importsASigmaLayoutArchiveThenReportsAllUnchangedThenConflictsAndOverwrites() throws Exception {
        JsonNode job = await(start("sigma.zip", zip(repository()), null));
        assertThat(job.get("state").asString()).isEqualTo("succeeded");
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("licence").asString()).isEqualTo("DRL 1.1");
        JsonNode counts = job.get("counts");
        assertThat(counts.get("created").asInt()).isEqualTo(2);
        assertThat(counts.get("invalid").asInt()).isEqualTo(1);
        assertThat(counts.get("skipped").asInt()).isEqualTo(4);
        assertThat(statusOf(job, "rules-emerging-threats/b.yml")).isEqualTo("created");
        assertThat(statusOf(job, "tests/config.yml")).isEqualTo("skipped");
        assertThat(statusOf(job, "deprecated/broken.yml")).isEqualTo("invalid");
        assertThat(rules.count()).isEqualTo(3);

        // Provenance on the rule API.
        JsonNode c = json(http.get().uri("/api/rules/" + ID_C).exchange().expectBody(String.class).returnResult());
        assertThat(c.at("/provenance/source").asString()).isEqualTo("sigma.zip");
        assertThat(c.at("/provenance/path").asString()).isEqualTo("rules-emerging-threats/b.yml");
        assertThat(c.at("/provenance/licence").asString()).isEqualTo("DRL 1.1");
        assertThat(c.at("/provenance/retrievedAt").asString()).isNotBlank();

        // The same archive again: nothing changes, and the report says so.
        long version = rules.libraryVersion();
        JsonNode again = await(start("sigma.zip", zip(repository()), null));
        assertThat(again.at("/counts/unchanged").asInt()).isEqualTo(2);
        assertThat(again.at("/counts/created").asInt() + again.at("/counts/updated").asInt()).isZero();
        assertThat(rules.libraryVersion()).isEqualTo(version);

        // Upstream changes A; someone edited B here: A is updated, the file of B and C is a conflict.
        String editedB = rules.findYaml(ID_B).orElseThrow().replace("Rule B", "Rule B (tuned here)");
        rules.replace(ID_B, editedB, null, null);
        Map<String, String> upstream = repository();
        upstream.put("sigma-main/rules/windows/a.yml", rule(ID_A, "Rule A v2", "\\a.exe"));
        upstream.put("sigma-main/rules-emerging-threats/b.yml", rule(ID_B, "Rule B v2", "\\b.exe") + "---\n"
                + rule(ID_C, "Rule C", "\\c.exe"));
        JsonNode third = await(start("sigma.zip", zip(upstream), null));
        assertThat(third.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(third.at("/counts/conflicts").asInt()).isEqualTo(1);
        assertThat(statusOf(third, "rules-emerging-threats/b.yml")).isEqualTo("conflict");
        assertThat(rules.findYaml(ID_A).orElseThrow()).contains("Rule A v2");
        assertThat(rules.findYaml(ID_B).orElseThrow()).contains("tuned here");
        JsonNode conflicts = json(http.get().uri("/api/imports/" + third.get("id").asLong() + "?status=conflict")
                .exchange().expectBody(String.class).returnResult());
        assertThat(conflicts.get("files").size()).isEqualTo(1);
        assertThat(conflicts.at("/files/0/message").asString()).contains(ID_B, "edited here");

        // The user chooses to overwrite: a follow-up request, no new upload.
        EntityExchangeResult<String> follow = http.post().uri("/api/imports/" + third.get("id").asLong()
                        + "/overwrite").contentType(MediaType.APPLICATION_JSON)
                .body("{\"ruleIds\":[\"" + ID_B + "\"]}").exchange().expectBody(String.class).returnResult();
        assertThat(follow.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode overwritten = await(follow);
        assertThat(overwritten.at("/counts/updated").asInt()).isEqualTo(1);
        assertThat(rules.findYaml(ID_B).orElseThrow()).contains("Rule B v2");

        // Audited: the job and its rules, with the source as the rules' comment.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'import.finished'").query(Long.class)
                .single()).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.sql("SELECT summary FROM audit_entry WHERE action = 'rule.replaced' AND object_id = ? "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").param(ID_B).query(String.class).single())
                .contains("from sigma.zip");
    }

    @Test
    void importsTarGzAndSeveralYamlFiles() throws Exception {
        JsonNode tar = await(start("rules.tar.gz", tarGz(Map.of("pack/x/a.yml", rule(ID_A, "A", "\\a.exe"))), null));
        assertThat(tar.at("/counts/created").asInt()).isEqualTo(1);
        assertThat(tar.at("/files/0/path").asString()).isEqualTo("x/a.yml");

        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", file("b.yml", rule(ID_B, "B", "\\b.exe").getBytes(StandardCharsets.UTF_8)));
        parts.add("file", file("c.yaml", rule(ID_C, "C", "\\c.exe").getBytes(StandardCharsets.UTF_8)));
        JsonNode two = await(http.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .exchange().expectBody(String.class).returnResult());
        assertThat(two.at("/counts/created").asInt()).isEqualTo(2);
        assertThat(rules.count()).isEqualTo(3);
    }

    @Test
    void refusesUnsafeAndForeignUploadsWithProblemDetailsAndNoJob() throws Exception {
        long jobs = jdbc.sql("SELECT COUNT(*) FROM import_job").query(Long.class).single();
        EntityExchangeResult<String> slip = start("evil.zip", zip(Map.of("../../etc/x.yml", rule(ID_A, "A", "a"))),
                null);
        assertThat(slip.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(slip).get("type").asString()).isEqualTo("https://detectionhub.io/problems/import-refused");
        assertThat(json(slip).get("detail").asString()).contains("unsafe path");

        byte[] zeros = new byte[40 * 1024 * 1024];
        EntityExchangeResult<String> bomb = start("bomb.zip", zip(Map.of("rules/a.yml", new String(zeros,
                StandardCharsets.ISO_8859_1))), null);
        assertThat(bomb.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);

        EntityExchangeResult<String> foreign = start("notes.txt", "hello".getBytes(StandardCharsets.UTF_8), null);
        assertThat(foreign.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_job").query(Long.class).single()).isEqualTo(jobs);
        assertThat(rules.count()).isZero();

        EntityExchangeResult<String> unknown = http.get().uri("/api/imports/999999").exchange()
                .expectBody(String.class).returnResult();
        assertThat(unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCancelledJobStopsBetweenChunksAndSaysSo() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < ImportService.CHUNK * 3; i++) {
            many.put("rules/r" + i + ".yml", rule(String.format("bbbbbbbb-0000-4000-8000-%012d", i), "R " + i,
                    "\\r" + i + ".exe"));
        }
        EntityExchangeResult<String> started = start("many.zip", zip(many), null);
        long id = json(started).get("id").asLong();
        JsonNode cancelled = json(http.post().uri("/api/imports/" + id + "/cancel").exchange()
                .expectBody(String.class).returnResult());
        assertThat(cancelled.get("id").asLong()).isEqualTo(id);
        JsonNode done = await(started);
        // Either it stopped early, or (on a fast machine) it had finished before the request reached it.
        if (done.get("state").asString().equals("cancelled")) {
            assertThat(done.get("processed").asInt()).isLessThan(many.size());
            assertThat(done.get("message").asString()).contains("Stopped on request");
        } else {
            assertThat(done.get("state").asString()).isEqualTo("succeeded");
        }
        assertThat(rules.count()).isEqualTo(done.get("processed").asInt());
    }

    // ------------------------------------------------------------------ helpers

    EntityExchangeResult<String> start(String name, byte[] content, String overwrite) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", file(name, content));
        if (overwrite != null) {
            parts.add("overwrite", overwrite);
        }
        return http.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(parts).exchange()
                .expectBody(String.class).returnResult();
    }

    /** Follows a started job (202 + Location) until it is finished, and returns it with its report. */
    JsonNode await(EntityExchangeResult<String> started) throws InterruptedException {
        assertThat(started.getStatus()).as(started.getResponseBody()).isEqualTo(HttpStatus.ACCEPTED);
        String location = started.getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).matches("/api/imports/\\d+");
        for (int i = 0; i < 600; i++) {
            JsonNode job = json(http.get().uri(location).exchange().expectBody(String.class).returnResult());
            String state = job.get("state").asString();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import did not finish: " + location);
    }

    static String statusOf(JsonNode job, String path) {
        List<String> found = new ArrayList<>();
        job.get("files").forEach(f -> {
            if (f.get("path").asString().equals(path)) {
                found.add(f.get("status").asString());
            }
        });
        assertThat(found).as(path).hasSize(1);
        return found.get(0);
    }

    static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(e.getValue().chars().allMatch(ch -> ch == 0)
                        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (var e : files.entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static JsonNode json(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody());
    }
}
