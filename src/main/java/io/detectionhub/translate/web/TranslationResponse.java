package io.detectionhub.translate.web;

import io.detectionhub.sigma.kql.Explanation;
import io.detectionhub.sigma.kql.Translation;

/** One translated rule in JSON: its query and how it was made. */
public record TranslationResponse(String ruleId, String title, String target, String query, Explanation explanation) {

    static TranslationResponse of(Translation t) {
        return new TranslationResponse(t.ruleId(), t.title(), t.explanation().target(), t.query(), t.explanation());
    }
}
