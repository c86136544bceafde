package io.detectionhub.sources;

import io.detectionhub.library.RuleService;
import io.detectionhub.sources.benchmark.ImportBenchmark;
import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SigmaHQ corpus ({@code ${detectionhub.shared-dir}/corpus/sigmahq}) packed as a zip, as the repository is laid
 * out, imported through {@code POST /api/imports}: every rule file is created with its provenance and the licence of
 * the LICENSE file, the other files are skipped; the same zip again changes nothing and says so; the library exported
 * through {@code GET /api/export} has the repository's layout and imports back unchanged. Skipped when the corpus is
 * absent.
 */
@EmptyLibraryTest
class SigmaHqCorpusImportTest {

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void emptyLibrary() {
        // Thousands of rules: removed in one statement (their dependants cascade), the version bumped for caches.
        jdbc.sql("DELETE FROM sigma_rule").update();
        jdbc.sql("UPDATE library_state SET version = version + 1").update();
    }

    @Test
    void importsTheWholeCorpusAndReimportsItUnchanged() throws Exception {
        Path corpus = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"), "corpus", "sigmahq");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "SigmaHQ corpus not present at " + corpus);
        long ruleFiles;
        long otherFiles;
        try (Stream<Path> walk = Files.walk(corpus)) {
            ruleFiles = walk.filter(p -> p.toString().endsWith(".yml")).count();
        }
        try (Stream<Path> walk = Files.walk(corpus)) {
            otherFiles = walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".yml")).count();
        }
        byte[] zip = ImportBenchmark.zip(corpus);
        ImportApiContract helper = new ImportApiH2Test();
        helper.http = http;

        long start = System.nanoTime();
        JsonNode first = helper.await(helper.start("sigma.zip", zip, null));
        System.out.printf("SigmaHQ corpus import: %d files in %.1f s%n", ruleFiles, (System.nanoTime() - start) / 1e9);
        assertThat(first.get("state").asString()).isEqualTo("succeeded");
        assertThat(first.get("total").asLong()).isEqualTo(ruleFiles);
        assertThat(first.at("/counts/created").asLong()).isEqualTo(ruleFiles);
        assertThat(first.at("/counts/invalid").asLong()).isZero();
        // LICENSE, SOURCE.txt, the folders' README.md files
        assertThat(first.at("/counts/skipped").asLong()).isEqualTo(otherFiles);
        assertThat(first.get("licence").asString()).isEqualTo("DRL 1.1");
        assertThat(rules.count()).isEqualTo(ruleFiles);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_provenance WHERE licence = 'DRL 1.1' AND source = 'sigma.zip'"
                + " AND source_path LIKE 'rules%'").query(Long.class).single()).isEqualTo(ruleFiles);

        long version = rules.libraryVersion();
        start = System.nanoTime();
        JsonNode again = helper.await(helper.start("sigma.zip", zip, null));
        System.out.printf("SigmaHQ corpus import again: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertThat(again.at("/counts/unchanged").asLong()).isEqualTo(ruleFiles);
        assertThat(again.at("/counts/created").asLong() + again.at("/counts/updated").asLong()
                + again.at("/counts/conflicts").asLong()).isZero();
        assertThat(rules.libraryVersion()).isEqualTo(version);

        // Export, then import: the whole library comes out in the repository's own layout and goes back unchanged.
        byte[] export = http.get().uri("/api/export").exchange().expectStatus().isOk().expectBody(byte[].class)
                .returnResult().getResponseBody();
        Set<String> exported = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(export))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(".yml")) {
                    exported.add(entry.getName());
                }
            }
        }
        Set<String> sourcePaths = new TreeSet<>(jdbc.sql("SELECT source_path FROM rule_provenance")
                .query(String.class).list());
        assertThat(exported).isEqualTo(sourcePaths);
        JsonNode roundTrip = helper.await(helper.start("export.zip", export, null));
        assertThat(roundTrip.at("/counts/unchanged").asLong()).isEqualTo(ruleFiles);
        assertThat(roundTrip.at("/counts/created").asLong() + roundTrip.at("/counts/updated").asLong()
                + roundTrip.at("/counts/conflicts").asLong() + roundTrip.at("/counts/invalid").asLong()).isZero();
        assertThat(rules.libraryVersion()).isEqualTo(version);
    }
}
