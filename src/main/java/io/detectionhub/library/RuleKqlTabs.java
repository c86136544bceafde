package io.detectionhub.library;

import io.detectionhub.sigma.kql.Explanation;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The KQL tabs of the rule page: the query for each built-in target, or the reason the target cannot translate. */
@Component
public class RuleKqlTabs {

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

    private final SigmaParser parser = new SigmaParser();
    private final KqlTranslator translator = new KqlTranslator();

    public List<KqlTab> tabs(String yaml) {
        SigmaCollection collection;
        try {
            collection = parser.parse(yaml);
        } catch (SigmaValidationException e) {
            return TARGET_NAMES.entrySet().stream().map(t -> new KqlTab(t.getKey(), t.getValue(), null,
                    "the stored rule no longer parses: " + e.getMessage(), List.of(), List.of())).toList();
        }
        List<KqlTab> tabs = new ArrayList<>();
        for (Map.Entry<String, String> t : TARGET_NAMES.entrySet()) {
            Target target = TargetRegistry.builtIn().find(t.getKey()).orElseThrow();
            try {
                List<Translation> translations = translator.translate(collection, target, TranslationOptions.PLAIN);
                String query = translations.stream().map(Translation::query).collect(Collectors.joining("\n\n"));
                Set<String> tables = new LinkedHashSet<>();
                translations.forEach(tr -> tables.add(tr.explanation().table()));
                tabs.add(new KqlTab(t.getKey(), t.getValue(), query, null, List.copyOf(tables),
                        translations.stream().map(Translation::explanation).toList()));
            } catch (UntranslatableRuleException e) {
                tabs.add(new KqlTab(t.getKey(), t.getValue(), null, e.reason(), List.of(), List.of()));
            }
        }
        return tabs;
    }
}
