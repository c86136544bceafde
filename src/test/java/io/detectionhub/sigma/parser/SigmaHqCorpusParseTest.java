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

    private static Path corpus() {
        String shared = System.getProperty("detectionhub.shared-dir", "../shared");
        Path corpus = Path.of(shared, "corpus", "sigmahq");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "SigmaHQ corpus not present at " + corpus);
        return corpus;
    }

    /**
     * Removing the {@code id:} line that follows the title and letting {@link SigmaIdentity} insert the same id gives
     * back the original text byte for byte (every 7th corpus file, to keep the test quick).
     */
    @Test
    void ensureIdRestoresRemovedIdsByteForByte() throws IOException {
        Path corpus = corpus();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(corpus)) {
            paths = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        int checked = 0;
        for (int i = 0; i < paths.size(); i += 7) {
            String original = Files.readString(paths.get(i), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^title: .*\\R(id: (\\S+)\\R)")
                    .matcher(original);
            if (!m.find()) {
                continue;
            }
            String withoutId = original.substring(0, m.start(1)) + original.substring(m.end(1));
            assertThat(SigmaIdentity.ensureId(original).id()).isEqualTo(m.group(2));
            SigmaIdentity.IdentifiedYaml restored = SigmaIdentity.ensureId(withoutId, m.group(2));
            assertThat(restored.generated()).isTrue();
            assertThat(restored.yaml()).as(paths.get(i).toString()).isEqualTo(original);
            checked++;
        }
        assertThat(checked).isGreaterThan(400);
    }

    @Test
    void parsesTheWholeSigmaHqCorpus() throws IOException {
        Path corpus = corpus();
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
