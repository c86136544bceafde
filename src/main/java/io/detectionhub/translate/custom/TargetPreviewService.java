package io.detectionhub.translate.custom;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import org.springframework.stereotype.Service;

import java.util.List;

/** Translates a stored rule, or Sigma text, with any target (also one that is not saved yet). */
@Service
public class TargetPreviewService {

    private final RuleService rules;
    private final SigmaParser parser = new SigmaParser();
    private final KqlTranslator translator = new KqlTranslator();

    TargetPreviewService(RuleService rules) {
        this.rules = rules;
    }

    /**
     * @throws RuleNotFoundException        when {@code ruleId} is not in the library
     * @throws UntranslatableRuleException  when the target cannot express the rule
     */
    public PreviewResponse preview(Target target, String ruleId, String ruleYaml, TranslationOptions options) {
        String yaml;
        if (ruleYaml != null && !ruleYaml.isBlank()) {
            yaml = ruleYaml;
        } else if (ruleId != null && !ruleId.isBlank()) {
            yaml = rules.findYaml(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
        } else {
            throw new io.detectionhub.web.BadRequestException("name the rule to translate: ruleId or rule (Sigma YAML)");
        }
        SigmaCollection collection = parser.parse(yaml);
        List<Translation> translations = translator.translate(collection, target, options);
        if (translations.isEmpty()) {
            throw new UntranslatableRuleException("the document holds no rule to translate");
        }
        return new PreviewResponse(target.name(), translations.stream()
                .map(t -> new PreviewResponse.Query(t.ruleId(), t.title(), t.query(), t.explanation(),
                        t.explanation() == null ? null : t.explanation().toText()))
                .toList());
    }
}
