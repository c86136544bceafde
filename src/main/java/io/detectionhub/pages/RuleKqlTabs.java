package io.detectionhub.pages;

import io.detectionhub.library.StoredRule;
import io.detectionhub.sigma.kql.Explanation;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.translate.TargetService;
import io.detectionhub.translate.TranslationService;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KQL tabs of the rule page: the query for each built-in target, or the reason the target cannot translate. */
@Component
class RuleKqlTabs {

    /** Display names of the built-in targets, in tab order. */
    public static final Map<String, String> TARGET_NAMES = new LinkedHashMap<>();

    static {
        TARGET_NAMES.put("sentinel-asim", "Sentinel ASIM");
        TARGET_NAMES.put("defender-xdr", "Defender XDR");
        TARGET_NAMES.put("azure-monitor", "Azure Monitor");
    }

    /** One tab: {@code query} is null when the target refuses the rule, and {@code refusal} says why. */
    public record KqlTab(String target, String targetName, String query, String refusal, List<String> tables,
                         List<Explanation> explanations) {
    }

    private final TranslationService translations;
    private final TargetService targets;

    RuleKqlTabs(TranslationService translations, TargetService targets) {
        this.translations = translations;
        this.targets = targets;
    }

    /** The tabs of a stored rule: the same queries {@code GET /api/rules/{id}/kql?target=...} gives. */
    List<KqlTab> tabs(StoredRule rule) {
        List<Target> builtIns = TARGET_NAMES.keySet().stream().map(name -> targets.find(name).orElseThrow()).toList();
        List<KqlTab> tabs = new ArrayList<>();
        for (TranslationService.TargetOutcome outcome : translations.translateStored(rule, builtIns,
                TranslationOptions.PLAIN)) {
            String name = outcome.target().name();
            Translation translation = outcome.translation();
            tabs.add(translation == null
                    ? new KqlTab(name, TARGET_NAMES.get(name), null, outcome.refusal(), List.of(), List.of())
                    : new KqlTab(name, TARGET_NAMES.get(name), translation.query(), null,
                    List.of(translation.explanation().table()), List.of(translation.explanation())));
        }
        return tabs;
    }
}
