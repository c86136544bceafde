package io.detectionhub.library.web;

import io.detectionhub.library.enrichment.Enrichment;

/**
 * The JSON form of a create or replace: the Sigma YAML, optionally its enrichment, and optionally a comment saying
 * why (the revision's comment).
 */
public record RuleRequest(String yaml, Enrichment enrichment, String comment) {

    public RuleRequest(String yaml, Enrichment enrichment) {
        this(yaml, enrichment, null);
    }
}
