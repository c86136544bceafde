package io.detectionhub.sigma.evaluation;

import java.util.List;

/**
 * A rule fired on one event ({@code eventIndex} counts from 0 in upload order): the search identifiers that were
 * true and, for them, the fields, values and patterns that matched.
 */
public record RuleMatch(String ruleId, String ruleTitle, String level, long eventIndex,
                        List<String> matchedSelections, List<FieldMatch> matchedFields) {

    public RuleMatch {
        matchedSelections = List.copyOf(matchedSelections);
        matchedFields = List.copyOf(matchedFields);
    }
}
