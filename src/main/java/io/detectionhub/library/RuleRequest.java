package io.detectionhub.library;

/** The JSON form of a create or replace: the Sigma YAML and, optionally, its enrichment. */
public record RuleRequest(String yaml, Enrichment enrichment) {
}
