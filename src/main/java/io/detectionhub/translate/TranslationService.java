package io.detectionhub.translate;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import org.springframework.stereotype.Service;

import java.util.List;

/** Translates Sigma text or stored rules to KQL. */
@Service
public class TranslationService {

    private final SigmaParser parser = new SigmaParser();
    private final KqlTranslator translator = new KqlTranslator();
    private final RuleService rules;

    public TranslationService(RuleService rules) {
        this.rules = rules;
    }

    /** Every rule and correlation of a Sigma text (filters applied), in document order. */
    public List<Translation> translate(String yaml, Target target, TranslationOptions options) {
        SigmaCollection collection = parser.parse(yaml);
        List<Translation> translations = translator.translate(collection, target, options);
        if (translations.isEmpty()) {
            throw new io.detectionhub.sigma.kql.UntranslatableRuleException(
                    "the text holds no detection or correlation rule to translate (only filters)");
        }
        return translations;
    }

    /** The stored rule's query: its own document's translation (a correlation entry gives the correlation). */
    public StoredTranslation translateStored(String id, Target target, TranslationOptions options) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        List<Translation> translations = translate(rule.yaml(), target, options);
        Translation own = translations.stream().filter(t -> id.equals(t.ruleId())).findFirst()
                .orElse(translations.get(translations.size() - 1));
        return new StoredTranslation(rule, own);
    }

    public record StoredTranslation(StoredRule rule, Translation translation) {
    }

    /**
     * One built-in target's query for a rule page: {@code query} and {@code tables} when it translates, else
     * {@code refusal} (the reason). {@code explanation} is null when refused.
     */
    public record TargetQuery(String target, String targetName, String query, List<String> tables, String refusal,
                              io.detectionhub.sigma.kql.Explanation explanation) {
    }

    private static final java.util.Map<String, String> DISPLAY_NAMES = java.util.Map.of(
            "sentinel-asim", "Sentinel ASIM", "defender-xdr", "Defender XDR", "azure-monitor", "Azure Monitor");

    /**
     * The stored rule's query for every built-in target (refusals included, with their reason), in target order,
     * with the header comment: what the rule page shows.
     */
    public List<TargetQuery> queriesForAllTargets(String id) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        SigmaCollection collection = parser.parse(rule.yaml());
        List<TargetQuery> result = new java.util.ArrayList<>();
        for (Target target : io.detectionhub.sigma.kql.target.TargetRegistry.builtIn().all()) {
            String name = DISPLAY_NAMES.getOrDefault(target.name(), target.name());
            try {
                List<Translation> all = translator.translate(collection, target, new TranslationOptions(true, false));
                if (all.isEmpty()) {
                    throw new io.detectionhub.sigma.kql.UntranslatableRuleException("the rule holds nothing to translate");
                }
                Translation own = all.stream().filter(t -> id.equals(t.ruleId())).findFirst()
                        .orElse(all.get(all.size() - 1));
                result.add(new TargetQuery(target.name(), name, own.query(),
                        List.of(own.explanation().table().split(", ")), null, own.explanation()));
            } catch (io.detectionhub.sigma.kql.UntranslatableRuleException e) {
                result.add(new TargetQuery(target.name(), name, null, List.of(), e.reason(), null));
            }
        }
        return result;
    }
}
