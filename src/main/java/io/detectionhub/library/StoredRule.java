package io.detectionhub.library;

import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.sigma.model.SigmaDocument;

import java.time.Instant;

/**
 * One rule of the library: its id, the stored YAML (byte for byte as given, plus a generated {@code id:} line if it had
 * none), the parsed document, its enrichment, its version (changes on every write to this rule, used as ETag), who
 * wrote that version ({@code updatedBy}: the signed-in principal, null when unknown) and, for an imported rule, where
 * it came from ({@code provenance}, null otherwise).
 */
public record StoredRule(String id, RuleKind kind, String yaml, SigmaDocument document, Enrichment enrichment,
                         Instant createdAt, Instant updatedAt, long version, String updatedBy,
                         RuleProvenance provenance) {

    public StoredRule(String id, RuleKind kind, String yaml, SigmaDocument document, Enrichment enrichment,
                      Instant createdAt, Instant updatedAt, long version, String updatedBy) {
        this(id, kind, yaml, document, enrichment, createdAt, updatedAt, version, updatedBy, null);
    }

    StoredRule withProvenance(RuleProvenance origin) {
        return new StoredRule(id, kind, yaml, document, enrichment, createdAt, updatedAt, version, updatedBy, origin);
    }
}
