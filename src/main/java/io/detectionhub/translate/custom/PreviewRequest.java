package io.detectionhub.translate.custom;

/**
 * Translate with a target definition that is not saved: {@code definition} (YAML or JSON text), and either the id of a
 * stored rule ({@code ruleId}) or Sigma YAML ({@code rule}). {@code header} and {@code analyst} as for the KQL API.
 */
public record PreviewRequest(String definition, String ruleId, String rule, Boolean header, Boolean analyst) {
}
