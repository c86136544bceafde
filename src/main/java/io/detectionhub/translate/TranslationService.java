package io.detectionhub.translate;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaParser;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Translates Sigma text or stored rules to KQL. A stored rule is translated with its active tuning exceptions (Sigma
 * filters, each its own {@code | where not (...)} line naming the exception), so every front door that uses it (the
 * rule page's KQL tabs, {@code GET /api/rules/{id}/kql}, export, deployment) gives the query as it is meant to run.
 */
@Service
public class TranslationService {

    private final SigmaParser parser = new SigmaParser();
    private final KqlTranslator translator = new KqlTranslator();
    private final RuleService rules;
    private final RuleExceptions exceptions;

    public TranslationService(RuleService rules, RuleExceptions exceptions) {
        this.rules = rules;
        this.exceptions = exceptions;
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

    /**
     * The stored rule's query with its active tuning exceptions: its own document's translation (a correlation entry
     * gives the correlation).
     */
    public StoredTranslation translateStored(String id, Target target, TranslationOptions options) {
        return translateStored(id, target, options, true);
    }

    /** As {@link #translateStored(String, Target, TranslationOptions)}; {@code applyExceptions} false leaves them out. */
    public StoredTranslation translateStored(String id, Target target, TranslationOptions options,
                                             boolean applyExceptions) {
        StoredRule rule = rules.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        SigmaCollection collection = rules.withReferencedRules(parser.parse(rule.yaml()));
        return new StoredTranslation(rule, ownTranslation(rule.id(),
                applyExceptions ? withExceptions(rule.id(), collection) : collection, target, options));
    }

    public record StoredTranslation(StoredRule rule, Translation translation) {
    }

    /** A target's translation of a stored rule, or the reason the target refuses it ({@code translation} null). */
    public record TargetOutcome(Target target, Translation translation, String refusal) {
    }

    /**
     * The stored rule's query under each target, parsed once (the rule page's tabs). Refusals carry their reason;
     * a stored text that no longer parses is a refusal for every target.
     */
    public List<TargetOutcome> translateStored(StoredRule rule, List<Target> targets, TranslationOptions options) {
        SigmaCollection collection;
        try {
            collection = withExceptions(rule.id(), rules.withReferencedRules(parser.parse(rule.yaml())));
        } catch (io.detectionhub.sigma.parser.SigmaValidationException e) {
            return targets.stream().map(t -> new TargetOutcome(t, null,
                    "the stored rule no longer parses: " + e.getMessage())).toList();
        }
        List<TargetOutcome> outcomes = new java.util.ArrayList<>();
        for (Target target : targets) {
            try {
                outcomes.add(new TargetOutcome(target, ownTranslation(rule.id(), collection, target, options), null));
            } catch (io.detectionhub.sigma.kql.UntranslatableRuleException e) {
                outcomes.add(new TargetOutcome(target, null, e.reason()));
            }
        }
        return outcomes;
    }

    /** The collection with the stored rule's active tuning exceptions added as filters. */
    private SigmaCollection withExceptions(String ruleId, SigmaCollection collection) {
        List<RuleException> active = exceptions.activeFor(ruleId);
        if (active.isEmpty()) {
            return collection;
        }
        List<SigmaDocument> documents = new java.util.ArrayList<>(collection.documents());
        active.forEach(e -> documents.add(e.filter()));
        return new SigmaCollection(documents);
    }

    private Translation ownTranslation(String id, SigmaCollection collection, Target target,
                                       TranslationOptions options) {
        List<Translation> translations = translator.translate(collection, target, options);
        if (translations.isEmpty()) {
            throw new io.detectionhub.sigma.kql.UntranslatableRuleException(
                    "the text holds no detection or correlation rule to translate (only filters)");
        }
        return translations.stream().filter(t -> id.equals(t.ruleId())).findFirst()
                .orElse(translations.get(translations.size() - 1));
    }
}
