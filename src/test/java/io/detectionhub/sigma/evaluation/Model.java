package io.detectionhub.sigma.evaluation;

import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaRule;

/** Builds rules directly in the model, for what the parser already refuses but the engine must still guard. */
final class Model {

    private Model() {
    }

    static SigmaRule rule(DetectionItem... items) {
        RuleMetadata meta = new RuleMetadata("Model rule", "22222222-2222-2222-2222-222222222222", null, null, null,
                null, List.of(), null, null, null, List.of(), "high", List.of(), List.of(), List.of(), Map.of());
        SearchIdentifier selection = new SearchIdentifier("selection", SearchIdentifier.Form.MAP,
                List.of(new DetectionMap(List.of(items))));
        Detection detection = new Detection(Map.of("selection", selection), List.of("selection"),
                List.of(new Condition.Identifier("selection")), null);
        return new SigmaRule(meta, LogSource.EMPTY, detection);
    }
}
