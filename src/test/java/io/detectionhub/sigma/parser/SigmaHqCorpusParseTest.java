package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.SigmaCollection;

/** Every rule of the SigmaHQ corpus in the shared directory parses without a problem. */
class SigmaHqCorpusParseTest {

    private static final List<String> FOLDERS = List.of("rules", "rules-emerging-threats", "rules-placeholder",
            "rules-threat-hunting");

    @Test
    void parsesTheWholeSigmaHqCorpus() throws IOException {
        String shared = System.getProperty("detectionhub.shared-dir", "../shared");
        Path corpus = Path.of(shared, "corpus", "sigmahq");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "SigmaHQ corpus not present at " + corpus);
        SigmaParser parser = new SigmaParser();
        List<String> failures = new ArrayList<>();
        int files = 0;
        int rules = 0;
        int correlations = 0;
        int filters = 0;
        for (String folder : FOLDERS) {
            Path dir = corpus.resolve(folder);
            assertThat(dir).as("corpus folder").isDirectory();
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path path : paths) {
                files++;
                try {
                    SigmaCollection collection = parser.parse(Files.readString(path, StandardCharsets.UTF_8));
                    rules += collection.rules().size();
                    correlations += collection.correlations().size();
                    filters += collection.filters().size();
                } catch (SigmaValidationException e) {
                    failures.add(corpus.relativize(path) + ": " + e.getMessage());
                }
            }
        }
        System.out.printf("Parsed %d Sigma rule files (%d rules, %d correlations, %d filters)%n", files, rules,
                correlations, filters);
        assertThat(failures).as("corpus files that failed to parse").isEmpty();
        assertThat(files).isGreaterThan(3000);
        assertThat(rules).isGreaterThanOrEqualTo(files);
    }
}
