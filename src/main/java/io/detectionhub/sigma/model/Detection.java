package io.detectionhub.sigma.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code detection} section: named search identifiers (in document order) and one or more conditions.
 * A list of conditions (legacy form) means any of them.
 */
public record Detection(Map<String, SearchIdentifier> identifiers, List<String> conditionTexts,
                        List<Condition> conditions, String timeframe) {

    public Detection {
        identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        conditionTexts = List.copyOf(conditionTexts);
        conditions = List.copyOf(conditions);
    }

    /** The single condition, or the OR of all conditions when the rule lists several. */
    public Condition condition() {
        return conditions.size() == 1 ? conditions.get(0) : new Condition.Or(conditions);
    }

    public SearchIdentifier identifier(String name) {
        return identifiers.get(name);
    }
}
