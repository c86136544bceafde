package io.detectionhub.library;

import io.detectionhub.testsupport.TestCredentials;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the whole SigmaHQ corpus ({@code ${detectionhub.shared-dir}/corpus/sigmahq}) through {@code POST /api/rules}
 * and checks that every rule is stored byte for byte and that search works on it. Skipped when the corpus is absent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"detectionhub.starter-library.enabled=false", "logging.level.org.hibernate.SQL=off"})
@AutoConfigureRestTestClient
@Import(TestCredentials.class)
@DirtiesContext
class SigmaHqCorpusApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIENTS = 3;

    @Autowired
    RestTestClient http;

    @Autowired
    RuleService rules;

    @Test
    void storesEveryCorpusRuleAndSearchesThem() throws IOException {
        Path corpus = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"), "corpus", "sigmahq");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "SigmaHQ corpus not present at " + corpus);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();

        long versionBefore = rules.libraryVersion();
        long start = System.nanoTime();
        Map<String, Path> stored = new ConcurrentHashMap<>();
        List<String> duplicates = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        // A few clients at once, as a SOAR import would: also exercises concurrent writers on the version counter.
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (Path file : files) {
                posts.add(clients.submit(() -> {
                    byte[] body = Files.readAllBytes(file);
                    EntityExchangeResult<String> result = http.post().uri("/api/rules")
                            .contentType(MediaType.parseMediaType("application/yaml")).body(body).exchange()
                            .expectBody(String.class).returnResult();
                    if (result.getStatus() == HttpStatus.CREATED) {
                        stored.put(JSON.readTree(result.getResponseBody()).get("id").asString(), file);
                    } else if (result.getStatus() == HttpStatus.CONFLICT) {
                        duplicates.add(corpus.relativize(file) + " (id already stored)");
                    } else {
                        refused.add(corpus.relativize(file) + ": " + result.getStatus() + " "
                                + result.getResponseBody());
                    }
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("corpus import failed", e);
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("SigmaHQ corpus through the API: %d files, %d stored, %d duplicate ids, %d refused,"
                + " %.1f s (%.0f rules/s, %d clients)%n", files.size(), stored.size(), duplicates.size(),
                refused.size(), seconds, files.size() / seconds, CLIENTS);
        duplicates.forEach(d -> System.out.println("  duplicate: " + d));
        assertThat(refused).as("corpus rules refused by the API").isEmpty();
        assertThat(stored.size() + duplicates.size()).isEqualTo(files.size());
        assertThat(rules.libraryVersion() - versionBefore).as("one version per write, none lost").isEqualTo(stored.size());

        assertThat(search("").get("total").asLong()).isEqualTo(stored.size());

        // Byte for byte: every 25th stored rule, through GET and the download.
        List<String> ids = stored.keySet().stream().sorted().toList();
        for (int i = 0; i < ids.size(); i += 25) {
            String id = ids.get(i);
            String original = Files.readString(stored.get(id), StandardCharsets.UTF_8);
            JsonNode rule = JSON.readTree(http.get().uri("/api/rules/" + id).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
            assertThat(rule.get("yaml").asString()).as(id).isEqualTo(original);
        }

        long searchStart = System.nanoTime();
        JsonNode mimikatz = search("q=mimikatz");
        long t1059 = search("technique=T1059").get("total").asLong();
        long t1059001 = search("technique=T1059.001").get("total").asLong();
        long t1059Exact = stored.values().stream().filter(p -> containsTag(p, "attack.t1059\n")).count();
        long windowsProcess = search("product=windows&category=process_creation").get("total").asLong();
        long highExecution = search("level=high&tactic=execution&sort=-modified&size=50").get("total").asLong();
        long byAuthor = search("author=florian").get("total").asLong();
        double searchMs = (System.nanoTime() - searchStart) / 1e6 / 6;
        System.out.printf("Search on the corpus: q=mimikatz %d, technique=T1059 %d (T1059.001 %d), windows"
                        + " process_creation %d, high+execution %d, author~florian %d; %.0f ms per search on average%n",
                mimikatz.get("total").asLong(), t1059, t1059001, windowsProcess, highExecution, byAuthor, searchMs);

        assertThat(mimikatz.get("total").asLong()).isGreaterThan(10);
        mimikatz.get("items").forEach(item -> assertThat(item.get("id").asString()).isIn(stored.keySet()));
        assertThat(t1059001).isGreaterThan(50);
        assertThat(t1059).as("T1059 finds its sub-techniques too").isGreaterThan(t1059001).isGreaterThan(t1059Exact);
        assertThat(windowsProcess).isGreaterThan(1000);
        assertThat(highExecution).isGreaterThan(0);
        assertThat(byAuthor).isGreaterThan(100);

        searchRanksWhatAnEngineerLooksFor();
    }

    /**
     * The relevance test: queries a SOC engineer types, judged by reading the corpus (search-relevance.yml), through
     * the API's default order; the figures of the order before the full-text index are printed beside them.
     */
    private void searchRanksWhatAnEngineerLooksFor() {
        List<SearchRelevance.Judgment> judgments = SearchRelevance.judgments();
        List<LibraryRule> library = rules.listAll();
        List<SearchRelevance.Hit> all = library.stream()
                .map(r -> new SearchRelevance.Hit(r.id(), r.title(), r.techniques())).toList();
        long start = System.nanoTime();
        SearchRelevance.Figures ranked = SearchRelevance.measure(judgments, all, q -> {
            List<SearchRelevance.Hit> hits = new ArrayList<>();
            JsonNode page = JSON.readTree(http.get().uri(b -> b.path("/api/rules").queryParam("q", "{q}")
                    .queryParam("size", 5).build(q)).exchange().expectStatus().isOk().expectBody(String.class)
                    .returnResult().getResponseBody());
            page.get("items").forEach(i -> {
                List<String> techniques = new ArrayList<>();
                i.get("techniques").forEach(t -> techniques.add(t.asString()));
                hits.add(new SearchRelevance.Hit(i.get("id").asString(), i.get("title").asString(), techniques));
            });
            return hits;
        });
        double ms = (System.nanoTime() - start) / 1e6 / judgments.size();
        SearchRelevance.Figures before = SearchRelevance.measure(judgments, all,
                q -> SearchRelevance.substringByTitle(library, q));
        ranked.lines().forEach(System.out::println);
        System.out.println(ranked.summary("Relevance on the SigmaHQ corpus, " + judgments.size() + " queries")
                + String.format(java.util.Locale.ROOT, "; %.0f ms per query through the API", ms));
        System.out.println(before.summary("The order before the full-text index (every word as a substring, by title)"));
        assertThat(judgments).hasSizeGreaterThanOrEqualTo(30);
        assertThat(ranked.precisionAt5()).as("share of relevant rules among the first five").isGreaterThanOrEqualTo(0.9);
        assertThat(ranked.firstShare()).as("queries whose first result is relevant").isGreaterThanOrEqualTo(0.9);
        assertThat(ranked.mustShare()).as("must-have rules in the first five").isGreaterThanOrEqualTo(0.9);
        assertThat(ranked.precisionAt5()).as("better than before").isGreaterThan(before.precisionAt5());
    }

    private JsonNode search(String query) {
        return JSON.readTree(http.get().uri("/api/rules?" + query).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static boolean containsTag(Path file, String tagLine) {
        try {
            return Files.readString(file).replace("\r\n", "\n").contains("- " + tagLine);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
