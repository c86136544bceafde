package io.detectionhub.sigma.model;

/** A Sigma detection rule. */
public record SigmaRule(RuleMetadata metadata, LogSource logsource, Detection detection) implements SigmaDocument {
}
