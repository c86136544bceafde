package io.detectionhub.sigma.model;

/** An entry of {@code related}: another rule's id and how it relates (derived, obsolete, merged, renamed, similar). */
public record RelatedRule(String id, String type) {
}
