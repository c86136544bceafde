package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The SigmaHQ corpus of {@code ../shared}, parsed once, and its translation for a target (shared by tests and the benchmark). */
public final class CorpusTranslation {

    public record CorpusRule(Path path, SigmaCollection collection) {
    }

    public record Result(String target, List<String> queries, List<Path> translatedPaths, List<String> tables,
                         Map<String, Integer> refusals, int refused) {

        /** Only the first query of each table. */
        public Result firstPerTable() {
            List<String> q = new ArrayList<>();
            List<Path> p = new ArrayList<>();
            List<String> t = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                if (!t.contains(tables.get(i))) {
                    q.add(queries.get(i));
                    p.add(translatedPaths.get(i));
                    t.add(tables.get(i));
                }
            }
            return new Result(target, q, p, t, refusals, refused);
        }

        public int translated() {
            return queries.size();
        }

        public String topRefusals(int n) {
            return refusals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .map(e -> String.format("  %5d  %s", e.getValue(), e.getKey()))
                    .collect(Collectors.joining("\n"));
        }
    }

    private CorpusTranslation() {
    }

    public static Optional<Path> sharedDir() {
        Path shared = Path.of(System.getProperty("detectionhub.shared-dir", "../shared"));
        return Files.isDirectory(shared.resolve("corpus/sigmahq")) ? Optional.of(shared) : Optional.empty();
    }

    public static List<Path> rulePaths(Path shared) {
        try (Stream<Path> files = Files.walk(shared.resolve("corpus/sigmahq"))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> texts(List<Path> paths) {
        List<String> texts = new ArrayList<>(paths.size());
        for (Path p : paths) {
            try {
                texts.add(Files.readString(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    /** Parses every corpus file; files the parser rejects are left out (the parser's own tests cover them). */
    public static List<CorpusRule> parse(List<Path> paths) {
        SigmaParser parser = new SigmaParser();
        List<String> texts = texts(paths);
        List<CorpusRule> rules = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            try {
                rules.add(new CorpusRule(paths.get(i), parser.parse(texts.get(i))));
            } catch (SigmaValidationException e) {
                // not a valid rule: nothing to translate
            }
        }
        return rules;
    }

    public static Result translate(List<CorpusRule> rules, Target target, TranslationOptions options) {
        KqlTranslator translator = new KqlTranslator();
        List<String> queries = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        Map<String, Integer> refusals = new TreeMap<>();
        int refused = 0;
        for (CorpusRule rule : rules) {
            try {
                for (Translation t : translator.translate(rule.collection(), target, options)) {
                    queries.add(t.query());
                    paths.add(rule.path());
                    tables.add(t.explanation().table());
                }
            } catch (UntranslatableRuleException e) {
                refused++;
                refusals.merge(e.category(), 1, Integer::sum);
            }
        }
        return new Result(target.name(), queries, paths, tables, new LinkedHashMap<>(refusals), refused);
    }
}
