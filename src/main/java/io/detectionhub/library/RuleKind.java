package io.detectionhub.library;

import com.fasterxml.jackson.annotation.JsonValue;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;

import java.util.Locale;

/** The Sigma document kinds the library stores. */
public enum RuleKind {
    RULE, CORRELATION, FILTER;

    public static RuleKind of(SigmaDocument document) {
        if (document instanceof SigmaCorrelation) {
            return CORRELATION;
        }
        return document instanceof SigmaFilter ? FILTER : RULE;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
