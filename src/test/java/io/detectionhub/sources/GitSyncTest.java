package io.detectionhub.sources;

import io.detectionhub.library.RuleService;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.testsupport.EmptyLibraryTest;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.detectionhub.sources.ImportApiContract.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/sources} against a real git repository the test creates (JGit, file: URL): the first sync imports every
 * rule file of the chosen folder; after commits that change, add, delete and rename files, the second sync reports
 * only those, with the commit; a third without commits reports nothing.
 */
@EmptyLibraryTest
class GitSyncTest {

    static final String A = "dddddddd-0000-4000-8000-000000000001";
    static final String B = "dddddddd-0000-4000-8000-000000000002";
    static final String R = "dddddddd-0000-4000-8000-000000000003";
    static final String C = "dddddddd-0000-4000-8000-000000000004";

    @TempDir
    Path repo;

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    RuleTestService tests;

    @BeforeEach
    void emptyLibrary() {
        rules.listAll().forEach(r -> rules.delete(r.id()));
    }

    @Test
    void syncsTheFirstTimeWholeThenOnlyWhatChangedWithTheCommit() throws Exception {
        RevCommit first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write("LICENSE", "Detection Rule License (DRL) 1.1");
            write("README.md", "# our rules");
            write("detections/a.yml", rule(A, "A", "\\a.exe"));
            write("detections/b.yml", rule(B, "B", "\\b.exe"));
            write("detections/old_name.yml", rule(R, "Renamed", "\\r.exe"));
            write("tools/config.yml", "x: 1\n");
            commit(git, "first");
            write("detections/a.yml", rule(A, "A, tuned", "\\a.exe"));
            first = commit(git, "tune a");
        }
        EntityExchangeResult<String> registered = http.post().uri("/api/sources")
                .contentType(MediaType.APPLICATION_JSON).body("{\"url\":\"" + repo.toUri() + "\",\"branch\":\"main\","
                        + "\"folders\":[\"detections\"],\"username\":\"bot\",\"secret\":\"s3cret-token\"}")
                .exchange().expectBody(String.class).returnResult();
        assertThat(registered.getStatus()).as(registered.getResponseBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(registered.getResponseBody()).doesNotContain("s3cret-token");
        long id = ImportApiContract.json(registered).get("id").asLong();
        assertThat(ImportApiContract.json(registered).get("hasCredentials").asBoolean()).isTrue();

        JsonNode sync1 = sync(id);
        assertThat(sync1.get("revision").asString()).isEqualTo(first.getName());
        assertThat(sync1.get("licence").asString()).isEqualTo("DRL 1.1");
        assertThat(sync1.at("/counts/created").asInt()).isEqualTo(3);
        assertThat(paths(sync1)).containsExactlyInAnyOrder("detections/a.yml", "detections/b.yml",
                "detections/old_name.yml");
        assertThat(rules.find(A).orElseThrow().provenance().revision()).isEqualTo(first.getName());
        assertThat(rules.find(A).orElseThrow().provenance().source()).isEqualTo(repo.toUri().toString());

        RevCommit second;
        try (Git git = Git.open(repo.toFile())) {
            write("detections/a.yml", rule(A, "A, tuned again", "\\a.exe"));
            git.rm().addFilepattern("detections/b.yml").call();
            Files.move(repo.resolve("detections/old_name.yml"), repo.resolve("detections/new_name.yml"));
            git.rm().addFilepattern("detections/old_name.yml").call();
            write("detections/c.yml", rule(C, "C", "\\c.exe"));
            write("README.md", "# our rules, changed");
            commit(git, "second");
            second = git.log().call().iterator().next();
        }
        JsonNode sync2 = sync(id);
        assertThat(sync2.get("revision").asString()).isEqualTo(second.getName());
        assertThat(paths(sync2)).containsExactlyInAnyOrder("detections/a.yml", "detections/b.yml",
                "detections/new_name.yml", "detections/c.yml");
        assertThat(ImportApiContract.statusOf(sync2, "detections/a.yml")).isEqualTo("updated");
        assertThat(ImportApiContract.statusOf(sync2, "detections/c.yml")).isEqualTo("created");
        assertThat(ImportApiContract.statusOf(sync2, "detections/b.yml")).isEqualTo("deleted-upstream");
        assertThat(ImportApiContract.statusOf(sync2, "detections/new_name.yml")).isEqualTo("unchanged");
        assertThat(sync2.at("/counts/deleted").asInt()).isEqualTo(1);
        for (JsonNode f : sync2.get("files")) {
            if (f.get("path").asString().equals("detections/b.yml")) {
                assertThat(f.at("/ruleIds/0").asString()).isEqualTo(B);
            }
            if (f.get("path").asString().equals("detections/new_name.yml")) {
                assertThat(f.get("message").asString()).isEqualTo("renamed from detections/old_name.yml");
            }
        }
        assertThat(rules.find(R).orElseThrow().provenance().path()).isEqualTo("detections/new_name.yml");
        assertThat(rules.exists(B)).isTrue();
        assertThat(rules.findYaml(A).orElseThrow()).contains("tuned again");

        JsonNode sync3 = sync(id);
        assertThat(sync3.get("files").size()).isZero();
        JsonNode source = ImportApiContract.json(http.get().uri("/api/sources/" + id).exchange().expectBody(String.class)
                .returnResult());
        assertThat(source.get("lastCommit").asString()).isEqualTo(second.getName());
        assertThat(source.get("lastJobId").asLong()).isEqualTo(sync3.get("id").asLong());
        assertThat(source.toString()).doesNotContain("s3cret-token");
    }

    @Test
    void aSyncImportsTheTestCasesOfRulesWithRegressionDataAlsoWhenOnlyTheRuleChanged() throws Exception {
        Path corpus = Path.of("..", "shared", "corpus", "sigmahq");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(corpus), "no SigmaHQ corpus in ../shared");
        String rule = RegressionDataImportTest.PIPE;
        String text = Files.readString(corpus.resolve(rule + ".yml"));
        Path data = Path.of(GitSyncTest.class.getResource("/sigmahq/regression_data/" + rule).toURI());
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(rule + ".yml", text);
            try (var samples = Files.list(data)) {
                for (Path f : samples.toList()) {
                    write("regression_data/" + rule + "/" + f.getFileName(), Files.readString(f));
                }
            }
            commit(git, "a rule and its regression data");
        }
        EntityExchangeResult<String> registered = http.post().uri("/api/sources")
                .contentType(MediaType.APPLICATION_JSON).body("{\"url\":\"" + repo.toUri() + "\",\"branch\":\"main\","
                        + "\"folders\":[\"rules-emerging-threats\"]}").exchange().expectBody(String.class).returnResult();
        assertThat(registered.getStatus()).as(registered.getResponseBody()).isEqualTo(HttpStatus.CREATED);
        long id = ImportApiContract.json(registered).get("id").asLong();

        JsonNode sync1 = sync(id);
        assertThat(paths(sync1)).as("the regression data is outside the folder and is no rule").containsExactly(
                rule + ".yml");
        String ruleId = sync1.at("/files/0/ruleIds/0").asString();
        assertThat(sync1.at("/files/0/message").asString()).startsWith("1 test case(s) imported");
        assertThat(tests.list(ruleId)).hasSize(1);

        try (Git git = Git.open(repo.toFile())) {
            write(rule + ".yml", text.replaceFirst("(?m)^title: (.*)$", "title: $1 (tuned)"));
            commit(git, "tune the rule only");
        }
        JsonNode sync2 = sync(id);
        assertThat(ImportApiContract.statusOf(sync2, rule + ".yml")).isEqualTo("updated");
        assertThat(sync2.at("/files/0/message").asString()).as("read from the commit, not only the changed files")
                .startsWith("1 test case(s) imported");
        assertThat(tests.list(ruleId)).hasSize(1);
    }

    /**
     * A repository that keeps each rule's test cases beside it ({@code .tests.json}, as the export writes them): the
     * first sync reads them with the rule; a later commit that changes only the sidecar is read for the rule the source
     * holds at that path, noted on the sidecar's row.
     */
    @Test
    void aSyncReadsTestCaseSidecarsAlsoWhenOnlyTheSidecarChanged() throws Exception {
        String one = """
                [ {"name": "a fires", "events": "[{\\"Image\\": \\"C:\\\\\\\\a.exe\\"}]", "format": "json",
                   "expectation": {"kind": "match"}, "origin": "manual"} ]""";
        String two = one.replace("} ]", "}, {\"name\": \"b is quiet\", \"events\": \"[{\\\"Image\\\": "
                + "\\\"C:\\\\\\\\b.exe\\\"}]\", \"expectation\": {\"kind\": \"no-match\"}} ]");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write("detections/a.yml", rule(A, "A", "\\a.exe"));
            write("detections/a.tests.json", one);
            commit(git, "a rule and its test case");
        }
        EntityExchangeResult<String> registered = http.post().uri("/api/sources")
                .contentType(MediaType.APPLICATION_JSON).body("{\"url\":\"" + repo.toUri() + "\",\"branch\":\"main\","
                        + "\"folders\":[\"detections\"]}").exchange().expectBody(String.class).returnResult();
        long id = ImportApiContract.json(registered).get("id").asLong();

        JsonNode sync1 = sync(id);
        assertThat(ImportApiContract.statusOf(sync1, "detections/a.tests.json")).isEqualTo("skipped");
        assertThat(message(sync1, "detections/a.yml")).contains("Test cases from its .tests.json: 1 created");
        assertThat(tests.list(A)).extracting(c -> c.name()).containsExactly("a fires");

        try (Git git = Git.open(repo.toFile())) {
            write("detections/a.tests.json", two);
            commit(git, "a second case");
        }
        JsonNode sync2 = sync(id);
        assertThat(paths(sync2)).containsExactly("detections/a.tests.json");
        assertThat(message(sync2, "detections/a.tests.json"))
                .contains("Test cases from its .tests.json: 1 created, 0 updated, 1 unchanged");
        assertThat(tests.list(A)).extracting(c -> c.name()).containsExactly("a fires", "b is quiet");
        assertThat(tests.run(A)).allMatch(r -> r.passed());
    }

    private static String message(JsonNode job, String path) {
        for (JsonNode f : job.get("files")) {
            if (f.get("path").asString().equals(path)) {
                return f.get("message").asString();
            }
        }
        throw new AssertionError("no row for " + path + " in " + job);
    }

    @Test
    void refusesUnusableRegistrationsAndUnknownSources() {
        for (String body : List.of("{\"url\":\"ftp://example.org/x.git\"}",
                "{\"url\":\"https://user:pw@example.org/x.git\"}",
                "{\"url\":\"https://example.org/x.git\",\"folders\":[\"../etc\"]}",
                "{\"url\":\"https://example.org/x.git\",\"scheduleMinutes\":1}")) {
            EntityExchangeResult<String> r = http.post().uri("/api/sources").contentType(MediaType.APPLICATION_JSON)
                    .body(body).exchange().expectBody(String.class).returnResult();
            assertThat(r.getStatus()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(http.post().uri("/api/sources/424242/sync").exchange().expectBody(String.class).returnResult()
                .getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private JsonNode sync(long id) throws InterruptedException {
        EntityExchangeResult<String> started = http.post().uri("/api/sources/" + id + "/sync").exchange()
                .expectBody(String.class).returnResult();
        ImportApiContract helper = new ImportApiH2Test();
        helper.http = http;
        return helper.await(started);
    }

    private static List<String> paths(JsonNode job) {
        List<String> paths = new ArrayList<>();
        job.get("files").forEach(f -> paths.add(f.get("path").asString()));
        return paths;
    }

    @Test
    void aFileOverThePerFileLimitIsReportedInvalidAndTheRestIsImported() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write("detections/a.yml", rule(A, "A", "\\a.exe"));
            write("detections/huge.yml", rule(B, "Huge", "\\b.exe") + "# " + "x".repeat(3 * 1024 * 1024) + "\n");
            commit(git, "a rule and a file over the limit");
        }
        long id = ImportApiContract.json(http.post().uri("/api/sources").contentType(MediaType.APPLICATION_JSON)
                .body("{\"url\":\"" + repo.toUri() + "\",\"branch\":\"main\"}")
                .exchange().expectBody(String.class).returnResult()).get("id").asLong();

        JsonNode sync = sync(id);

        assertThat(sync.get("state").asString()).isEqualTo("succeeded");
        assertThat(ImportApiContract.statusOf(sync, "detections/a.yml")).isEqualTo("created");
        assertThat(ImportApiContract.statusOf(sync, "detections/huge.yml")).isEqualTo("invalid");
        assertThat(sync.at("/counts/invalid").asInt()).isEqualTo(1);
        assertThat(rules.exists(A)).isTrue();
        assertThat(rules.exists(B)).isFalse();
    }

    private void write(String path, String text) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Test", "test@example.org")
                .setCommitter("Test", "test@example.org").setSign(false).call();
    }
}
