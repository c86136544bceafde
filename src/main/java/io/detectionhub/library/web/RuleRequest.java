package io.detectionhub.library.web;

import io.detectionhub.library.enrichment.Enrichment;
/** The JSON form of a create or replace: the Sigma YAML and, optionally, its enrichment. */
public record RuleRequest(String yaml, Enrichment enrichment) {
}
