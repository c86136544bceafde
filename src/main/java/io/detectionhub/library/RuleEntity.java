package io.detectionhub.library;

import io.detectionhub.library.enrichment.AttackMapping;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.jpa.domain.support.AuditingEntityListener;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stored rule: its YAML (the source of truth), the columns derived from it for search, and who created and last
 * changed it (JPA auditing: the signed-in principal, null when there is none).
 */
@Entity
@Table(name = "sigma_rule")
@EntityListeners(AuditingEntityListener.class)
class RuleEntity {

    @Id
    private String id;

    @Column(nullable = false)
    private String yaml;

    @Column(nullable = false)
    private String kind;

    private String name;
    @Column(nullable = false)
    private String title;
    private String description;
    private String status;
    private String level;
    @Column(name = "level_rank", nullable = false)
    private int levelRank;
    private String product;
    private String category;
    private String service;
    private String author;
    @Column(name = "rule_date")
    private LocalDate date;
    private LocalDate modified;

    @Column(name = "search_text", nullable = false)
    private String searchText;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @CreatedBy
    @Column(name = "created_by", updatable = false)
    private String createdBy;
    @LastModifiedBy
    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private Long version;

    @ElementCollection
    @CollectionTable(name = "rule_tag", joinColumns = @JoinColumn(name = "rule_id"))
    @OrderColumn(name = "position")
    @Column(name = "tag")
    @BatchSize(size = 100)
    private List<String> tags = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "rule_tactic", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "tactic")
    @BatchSize(size = 100)
    private Set<String> tactics = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "rule_technique", joinColumns = @JoinColumn(name = "rule_id"))
    @Column(name = "technique_id")
    @BatchSize(size = 100)
    private Set<String> techniques = new LinkedHashSet<>();

    protected RuleEntity() {
    }

    RuleEntity(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    /** Sets the YAML and everything derived from it; derived text is clipped to its column. */
    void apply(String yaml, RuleFacts facts, AttackMapping attack, Instant now) {
        this.yaml = yaml;
        this.kind = facts.kind().name().toLowerCase(java.util.Locale.ROOT);
        this.name = clip(facts.name(), 200);
        this.title = clip(facts.title(), 500);
        this.description = facts.description();
        this.status = clip(facts.status(), 50);
        this.level = clip(facts.level(), 50);
        this.levelRank = facts.levelRank();
        this.product = clip(facts.logsource().product(), 200);
        this.category = clip(facts.logsource().category(), 200);
        this.service = clip(facts.logsource().service(), 200);
        this.author = clip(facts.author(), 1000);
        this.date = facts.date();
        this.modified = facts.modified();
        this.searchText = facts.searchText();
        this.updatedAt = now;
        this.tags.clear();
        facts.tags().stream().map(t -> clip(t, 200)).forEach(this.tags::add);
        applyAttack(attack);
    }

    void applyAttack(AttackMapping attack) {
        this.tactics.clear();
        attack.tactics().stream().map(t -> clip(t, 100)).forEach(this.tactics::add);
        this.techniques.clear();
        this.techniques.addAll(attack.allTechniqueIds());
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    String getId() { return id; }
    String getYaml() { return yaml; }
    String getKind() { return kind; }
    String getName() { return name; }
    String getTitle() { return title; }
    String getDescription() { return description; }
    String getStatus() { return status; }
    String getLevel() { return level; }
    String getProduct() { return product; }
    String getCategory() { return category; }
    String getService() { return service; }
    String getAuthor() { return author; }
    LocalDate getDate() { return date; }
    LocalDate getModified() { return modified; }
    Instant getCreatedAt() { return createdAt; }
    Instant getUpdatedAt() { return updatedAt; }
    String getUpdatedBy() { return updatedBy; }
    long getVersion() { return version == null ? 0 : version; }
    List<String> getTags() { return tags; }
    Set<String> getTactics() { return tactics; }
    Set<String> getTechniques() { return techniques; }
}
