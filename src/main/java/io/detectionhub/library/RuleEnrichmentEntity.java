package io.detectionhub.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The enrichment of one rule, stored as JSON (see {@link EnrichmentJson}). */
@Entity
@Table(name = "rule_enrichment")
class RuleEnrichmentEntity {

    @Id
    @Column(name = "rule_id")
    private String ruleId;

    @Column(nullable = false)
    private String content;

    @Column(name = "atomic_test_count", nullable = false)
    private int atomicTestCount;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RuleEnrichmentEntity() {
    }

    RuleEnrichmentEntity(String ruleId) {
        this.ruleId = ruleId;
    }

    void apply(String json, int atomicTestCount, Instant now) {
        this.content = json;
        this.atomicTestCount = atomicTestCount;
        this.updatedAt = now;
    }

    String getRuleId() { return ruleId; }
    String getContent() { return content; }
    int getAtomicTestCount() { return atomicTestCount; }
    Instant getUpdatedAt() { return updatedAt; }
}
