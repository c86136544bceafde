package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.SigmaCollection;

/** One parser instance is shared by concurrent callers (the application keeps a single instance). */
class SigmaParserConcurrencyTest {

    @Test
    void aSharedParserGivesTheSameResultOnEveryThread() throws Exception {
        SigmaParser parser = new SigmaParser();
        String valid = TestYaml.read("correlation_multi.yml");
        String invalid = TestYaml.read("many_problems.yml");
        SigmaCollection expected = parser.parse(valid);
        List<SigmaProblem> expectedProblems = problemsOf(parser, invalid);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean parseValid = i % 2 == 0;
                results.add(pool.submit(() -> parseValid ? parser.parse(valid).equals(expected)
                        : problemsOf(parser, invalid).equals(expectedProblems)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SigmaProblem> problemsOf(SigmaParser parser, String yaml) {
        try {
            parser.parse(yaml);
            return List.of();
        } catch (SigmaValidationException e) {
            return e.problems();
        }
    }
}
