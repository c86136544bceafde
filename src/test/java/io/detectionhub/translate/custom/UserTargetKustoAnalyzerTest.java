package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.CorpusTranslation;

import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query generated under a user-defined target passes Microsoft's Kusto parser and semantic analyzer with that
 * target's declared tables and columns. User targets are loaded the way stored ones are ({@link UserTargetSnapshot}):
 * {@code myedr} (a custom table, refuse), {@code linux-edr} (extends sentinel-asim with a custom Linux table, drop),
 * and {@code typed-events} (one table declaring every field of the semantic cases, some numeric). Rules: the
 * SigmaHQ corpus (when present) and the semantic cases (every modifier).
 */
class UserTargetKustoAnalyzerTest {

    private static KustoCheck kusto;
    private final KqlTranslator translator = new KqlTranslator();

    @BeforeAll
    static void startChecker() {
        Assumptions.assumeTrue(KustoCheck.available(), "node and src/test/kusto/node_modules are needed (npm ci)");
        kusto = new KustoCheck();
    }

    @AfterAll
    static void stopChecker() {
        if (kusto != null) {
            kusto.close();
        }
    }

    @Test
    void semanticCasesUnderATypedUserTarget() {
        List<SigmaCollection> rules = semanticCaseRules();
        Target target = load(typedEventsDefinition(rules));
        Result result = check(target, rules);
        System.out.println("typed-events: " + result);
        assertThat(result.errors()).isEmpty();
        assertThat(result.translated()).isGreaterThanOrEqualTo(rules.size() - 1);
    }

    @Test
    void corpusUnderUserTargets() throws IOException {
        Optional<Path> shared = CorpusTranslation.sharedDir();
        Assumptions.assumeTrue(shared.isPresent(), "the SigmaHQ corpus is not in the shared directory");
        List<SigmaCollection> rules = CorpusTranslation.parse(CorpusTranslation.rulePaths(shared.get())).stream()
                .map(CorpusTranslation.CorpusRule::collection).toList();
        for (String file : List.of("myedr.yml", "linux-edr.yml")) {
            Target target = load(TargetFiles.read(file));
            Result result = check(target, rules);
            System.out.println(target.name() + ": " + result);
            assertThat(result.errors()).as(target.name()).isEmpty();
            assertThat(result.translated()).as(target.name()).isGreaterThan(target.name().equals("myedr") ? 50 : 2000);
        }
    }

    private Result check(Target target, List<SigmaCollection> rules) {
        kusto.declare(target);
        int translated = 0;
        int refused = 0;
        List<String> errors = new ArrayList<>();
        for (SigmaCollection rule : rules) {
            List<Translation> translations;
            try {
                translations = translator.translate(rule, target, TranslationOptions.PLAIN);
            } catch (UntranslatableRuleException e) {
                refused++;
                continue;
            }
            for (Translation t : translations) {
                translated++;
                for (TranslationOptions options : List.of(TranslationOptions.PLAIN, new TranslationOptions(true, true))) {
                    String query = options == TranslationOptions.PLAIN ? t.query()
                            : translator.translate(rule, target, options).get(translations.indexOf(t)).query();
                    List<String> found = kusto.errors(query);
                    if (!found.isEmpty() && errors.size() < 20) {
                        errors.add(t.title() + ": " + found + "\n"
                                + (query.length() > 400 ? query.substring(0, 400) + "..." : query));
                    }
                }
            }
        }
        return new Result(translated, refused, errors);
    }

    record Result(int translated, int refused, List<String> errors) {
        @Override
        public String toString() {
            return translated + " queries translated and checked (plain and header+analyst form), " + refused
                    + " rules refused, " + errors.size() + " with analyzer errors";
        }
    }

    private static Target load(String definition) {
        Target parsed = new io.detectionhub.sigma.kql.target.TargetDefinitionLoader(TargetRegistry.builtIn()::find)
                .load(definition);
        TargetVersion version = new TargetVersion(parsed.name(), 1, TargetVersion.Action.CREATED, definition,
                parsed.base(), "test", null, Instant.now());
        UserTargetSnapshot snapshot = new UserTargetSnapshot(1, TargetRegistry.builtIn(), List.of(version));
        UserTargetSnapshot.Result result = snapshot.find(parsed.name()).orElseThrow();
        assertThat(result.problems()).isEmpty();
        return result.target();
    }

    /** One table {@code Events} with every field the rules use: strings, except a few numeric ones. */
    private static String typedEventsDefinition(List<SigmaCollection> rules) {
        Map<String, String> numeric = Map.of("Size", "long", "Count", "int", "Port", "int", "Level", "real");
        Set<String> fields = new LinkedHashSet<>(List.of("TimeGenerated"));
        for (SigmaCollection c : rules) {
            c.rules().forEach(r -> r.detection().identifiers().values().forEach(id -> id.maps().forEach(
                    m -> m.items().forEach(item -> {
                        if (!item.isKeyword()) {
                            fields.add(item.field());
                        }
                    }))));
        }
        fields.addAll(List.of("SubjectUser", "Image"));
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String f : fields) {
            columns.put(f, f.equals("TimeGenerated") ? "datetime" : numeric.getOrDefault(f, "string"));
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", columns);
        table.put("analyst-columns", List.of("TimeGenerated", "Image"));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "typed-events");
        root.put("unmapped-fields", "refuse");
        root.put("logsources", List.of(Map.of("table", "Events", "reason", "every logsource")));
        root.put("tables", Map.of("Events", table));
        return new Yaml().dump(root);
    }

    private static List<SigmaCollection> semanticCaseRules() {
        List<Map<String, Object>> cases = new Yaml().load(TargetFiles.read("semantic-cases.yml"));
        SigmaParser parser = new SigmaParser();
        List<SigmaCollection> rules = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("title", c.get("name"));
            rule.put("logsource", Map.of("category", "test"));
            rule.put("detection", c.get("detection"));
            rules.add(parser.parse(new Yaml().dump(rule)));
        }
        return rules;
    }

}
