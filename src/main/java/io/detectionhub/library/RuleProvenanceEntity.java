package io.detectionhub.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

import java.time.Instant;

/** The provenance row of an imported rule (table {@code rule_provenance}). */
@Entity
@Table(name = "rule_provenance")
class RuleProvenanceEntity implements Persistable<String> {

    @Id
    @Column(name = "rule_id")
    private String ruleId;
    @Column(nullable = false)
    private String source;
    private String revision;
    @Column(name = "source_path")
    private String sourcePath;
    @Column(name = "retrieved_at", nullable = false)
    private Instant retrievedAt;
    private String licence;
    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @jakarta.persistence.Transient
    private boolean fresh;

    protected RuleProvenanceEntity() {
    }

    RuleProvenanceEntity(String ruleId) {
        this.ruleId = ruleId;
        this.fresh = true;
    }

    void apply(RuleProvenance p, String contentHash) {
        this.source = clip(p.source(), 1000);
        this.revision = clip(p.revision(), 100);
        this.sourcePath = clip(p.path(), 1000);
        this.retrievedAt = p.retrievedAt();
        this.licence = clip(p.licence(), 200);
        this.contentHash = contentHash;
    }

    RuleProvenance toProvenance() {
        return new RuleProvenance(source, revision, sourcePath, retrievedAt, licence);
    }

    String getContentHash() { return contentHash; }

    @Override
    public String getId() { return ruleId; }

    @Override
    public boolean isNew() { return fresh; }

    @jakarta.persistence.PostLoad
    @jakarta.persistence.PostPersist
    void loaded() { this.fresh = false; }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
