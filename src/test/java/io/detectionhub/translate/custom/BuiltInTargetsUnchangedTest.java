package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.CorpusTranslation;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.testsupport.EmptyLibraryTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over the whole SigmaHQ corpus (skipped when the shared data is absent): the built-in targets give the same queries
 * through the user-target-aware {@link TargetResolver} as through the plain registry, and so do two user targets
 * stored in the database: an exact copy of each built-in under another name, and an empty extension
 * ({@code base: <built-in>} and nothing else). Refusals must be the same too.
 */
@EmptyLibraryTest
class BuiltInTargetsUnchangedTest {

    @Autowired
    CustomTargetService service;

    @Autowired
    TargetResolver resolver;

    @Test
    void corpusQueriesAreIdenticalThroughTheResolverACopyAndAnExtension() throws IOException {
        Optional<Path> shared = CorpusTranslation.sharedDir();
        Assumptions.assumeTrue(shared.isPresent(), "the SigmaHQ corpus is not in the shared directory");
        List<SigmaCollection> rules = CorpusTranslation.parse(CorpusTranslation.rulePaths(shared.get())).stream()
                .map(CorpusTranslation.CorpusRule::collection).toList();
        assertThat(rules).hasSizeGreaterThan(3000);

        KqlTranslator translator = new KqlTranslator();
        for (String builtIn : TargetRegistry.BUILT_IN_NAMES) {
            String copyName = builtIn + "-copy";
            String extensionName = builtIn + "-extended";
            String definition = TargetRegistry.builtIn().definition(builtIn).orElseThrow()
                    .replace("name: " + builtIn + "\n", "name: " + copyName + "\n");
            service.create(definition, new Editor("test", "exact copy"));
            service.create("name: " + extensionName + "\nbase: " + builtIn + "\n", new Editor("test", "empty extension"));

            Target plain = TargetRegistry.builtIn().find(builtIn).orElseThrow();
            List<Target> variants = List.of(resolver.resolve(builtIn, null), resolver.resolve(copyName, null),
                    resolver.resolve(extensionName, null));
            int translated = 0;
            int refused = 0;
            List<String> differences = new ArrayList<>();
            for (SigmaCollection rule : rules) {
                String expected = translate(translator, rule, plain);
                if (expected.startsWith("REFUSED")) {
                    refused++;
                } else {
                    translated++;
                }
                for (Target variant : variants) {
                    String actual = translate(translator, rule, variant).replace(variant.name(), builtIn);
                    if (!actual.equals(expected) && differences.size() < 10) {
                        differences.add(variant.name() + ": " + rule.documents().get(0).metadata().title()
                                + "\n  expected " + expected + "\n  actual   " + actual);
                    }
                }
            }
            System.out.printf("%s: %d rules translated, %d refused, identical through the resolver, a stored copy "
                    + "and a stored extension%n", builtIn, translated, refused);
            assertThat(differences).as(builtIn).isEmpty();
            assertThat(translated).isGreaterThan(1000);
        }
    }

    private static String translate(KqlTranslator translator, SigmaCollection rule, Target target) {
        try {
            return translator.translate(rule, target, TranslationOptions.PLAIN).stream().map(Translation::query)
                    .collect(Collectors.joining("\n\n"));
        } catch (UntranslatableRuleException e) {
            return "REFUSED " + e.reason();
        }
    }

}
