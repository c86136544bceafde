package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.Explanation;

import java.util.List;

/** The queries a target definition gives for a rule (a collection may give several), each with its explanation. */
public record PreviewResponse(String target, List<Query> queries) {

    public record Query(String ruleId, String title, String query, Explanation explanation, String explanationText) {
    }
}
