package io.detectionhub.sigma.model;

/** One YAML document of a Sigma file: a detection rule, a correlation rule or a filter. */
public sealed interface SigmaDocument permits SigmaRule, SigmaCorrelation, SigmaFilter {

    RuleMetadata metadata();

    default String id() {
        return metadata().id();
    }

    default String title() {
        return metadata().title();
    }
}
