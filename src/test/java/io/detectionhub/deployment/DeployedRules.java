package io.detectionhub.deployment;

import io.detectionhub.library.RuleKind;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Stored rules and their exports without a database, for the deployment module's plain tests. */
final class DeployedRules {

    static final TargetRegistry TARGETS = TargetRegistry.builtIn();

    private DeployedRules() {
    }

    static String starter(String name) {
        try (InputStream in = DeployedRules.class.getResourceAsStream("/io/detectionhub/library/starter/" + name + ".yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredRule stored(String yaml, DeploymentSettings settings, long version) {
        SigmaCollection collection = new SigmaParser().parse(yaml);
        SigmaDocument document = collection.documents().get(collection.documents().size() - 1);
        Enrichment enrichment = Enrichment.fromTags(document.metadata().tags()).withDeployment(settings);
        return new StoredRule(document.id(), RuleKind.RULE, yaml, document, enrichment, Instant.EPOCH, Instant.EPOCH,
                version, "test");
    }

    static AnalyticsRule build(StoredRule rule, String targetName) {
        Target target = TARGETS.find(targetName).orElseThrow();
        List<Translation> translations = new KqlTranslator().translate(new SigmaParser().parse(rule.yaml()), target,
                TranslationOptions.PLAIN);
        Translation own = translations.stream().filter(t -> rule.id().equals(t.ruleId())).findFirst()
                .orElse(translations.get(translations.size() - 1));
        return AnalyticsRuleBuilder.build(rule, target, own);
    }
}
