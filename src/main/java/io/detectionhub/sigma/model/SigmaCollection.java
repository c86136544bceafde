package io.detectionhub.sigma.model;

import java.util.List;
import java.util.Optional;

/** The documents of one (possibly multi-document) Sigma YAML text, in order. */
public record SigmaCollection(List<SigmaDocument> documents) {

    public SigmaCollection {
        documents = List.copyOf(documents);
    }

    public List<SigmaRule> rules() {
        return documents.stream().filter(SigmaRule.class::isInstance).map(SigmaRule.class::cast).toList();
    }

    public List<SigmaCorrelation> correlations() {
        return documents.stream().filter(SigmaCorrelation.class::isInstance).map(SigmaCorrelation.class::cast)
                .toList();
    }

    public List<SigmaFilter> filters() {
        return documents.stream().filter(SigmaFilter.class::isInstance).map(SigmaFilter.class::cast).toList();
    }

    /** Finds a rule or correlation by its id or its {@code name}, as correlation {@code rules:} entries refer. */
    public Optional<SigmaDocument> byReference(String reference) {
        return documents.stream()
                .filter(d -> reference.equals(d.metadata().id()) || reference.equals(d.metadata().name()))
                .findFirst();
    }
}
