package io.detectionhub.library.enrichment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a detection engineer needs besides the rule text: the hunt hypothesis, false-positive and tuning guidance,
 * the ATT&amp;CK mapping, Atomic Red Team tests with the telemetry each should produce, data sources, required tables,
 * confidence and provenance. {@code generated} lists the parts that were machine-generated and not yet confirmed or
 * edited by a person; every part not listed was written or confirmed by a person.
 */
public record Enrichment(
        @Size(max = 10_000) String huntHypothesis,
        @Size(max = 100) List<@NotBlank @Size(max = 4000) String> tuningGuidance,
        @Valid AttackMapping attack,
        @Size(max = 200) List<@Valid AtomicTestLink> atomicTests,
        @Size(max = 100) List<@NotBlank @Size(max = 300) String> dataSources,
        @Size(max = 100) List<@NotBlank @Size(max = 300) String> requiredTables,
        Confidence confidence,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String sourceUrl,
        Instant retrievedAt,
        Set<EnrichmentPart> generated,
        @Valid DeploymentSettings deployment) {

    /** An enrichment without deployment settings (the defaults). */
    public Enrichment(String huntHypothesis, List<String> tuningGuidance, AttackMapping attack,
                      List<AtomicTestLink> atomicTests, List<String> dataSources, List<String> requiredTables,
                      Confidence confidence, String sourceUrl, Instant retrievedAt, Set<EnrichmentPart> generated) {
        this(huntHypothesis, tuningGuidance, attack, atomicTests, dataSources, requiredTables, confidence, sourceUrl,
                retrievedAt, generated, null);
    }

    public Enrichment {
        deployment = deployment == null ? DeploymentSettings.DEFAULTS : deployment;
        tuningGuidance = copy(tuningGuidance);
        attack = attack == null ? AttackMapping.EMPTY : attack;
        atomicTests = copy(atomicTests);
        dataSources = copy(dataSources);
        requiredTables = copy(requiredTables);
        generated = generated == null || generated.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(generated.stream().filter(Objects::nonNull).toList()));
    }

    public static final Enrichment EMPTY = new Enrichment(null, null, null, null, null, null, null, null, null, null);

    /** The enrichment every rule starts from: its ATT&amp;CK mapping derived from its tags, marked as generated. */
    public static Enrichment fromTags(List<String> tags) {
        return EMPTY.withAttack(AttackMapping.fromTags(tags)).withGenerated(Set.of(EnrichmentPart.ATTACK));
    }

    public Enrichment withAttack(AttackMapping mapping) {
        return new Enrichment(huntHypothesis, tuningGuidance, mapping, atomicTests, dataSources, requiredTables,
                confidence, sourceUrl, retrievedAt, generated, deployment);
    }

    public Enrichment withGenerated(Set<EnrichmentPart> parts) {
        return new Enrichment(huntHypothesis, tuningGuidance, attack, atomicTests, dataSources, requiredTables,
                confidence, sourceUrl, retrievedAt, parts, deployment);
    }

    /** This enrichment with other deployment settings (a person's choice; never derived). */
    public Enrichment withDeployment(DeploymentSettings settings) {
        return new Enrichment(huntHypothesis, tuningGuidance, attack, atomicTests, dataSources, requiredTables,
                confidence, sourceUrl, retrievedAt, generated, settings);
    }

    public boolean isGenerated(EnrichmentPart part) {
        return generated.contains(part);
    }

    /** The value of one part, for comparing two enrichments part by part. */
    public Object part(EnrichmentPart part) {
        return switch (part) {
            case HUNT_HYPOTHESIS -> huntHypothesis;
            case TUNING_GUIDANCE -> tuningGuidance;
            case ATTACK -> attack;
            case ATOMIC_TESTS -> atomicTests;
            case DATA_SOURCES -> dataSources;
            case REQUIRED_TABLES -> requiredTables;
            case CONFIDENCE -> confidence;
        };
    }

    /**
     * This enrichment with every part that is still marked generated, or empty, replaced by the same part of
     * {@code derived}: used when a rule's YAML changes (what a machine derived is derived again, what a person wrote
     * is kept).
     */
    public Enrichment rederive(Enrichment derived) {
        return combine(derived, this::isDerivable);
    }

    /** This enrichment with its empty parts taken from {@code derived} (a rule stored with partial enrichment). */
    public Enrichment fillEmpty(Enrichment derived) {
        return combine(derived, this::isEmpty);
    }

    /**
     * A person's edit of {@code stored}: every part is confirmed by the editor except those the edit still lists as
     * generated and left unchanged.
     */
    public Enrichment asEditOf(Enrichment stored) {
        Set<EnrichmentPart> stillGenerated = EnumSet.noneOf(EnrichmentPart.class);
        for (EnrichmentPart part : generated) {
            if (Objects.equals(part(part), stored.part(part))) {
                stillGenerated.add(part);
            }
        }
        return withGenerated(stillGenerated);
    }

    private Enrichment combine(Enrichment derived, Predicate<EnrichmentPart> takeDerived) {
        Set<EnrichmentPart> parts = EnumSet.noneOf(EnrichmentPart.class);
        for (EnrichmentPart part : EnrichmentPart.values()) {
            if (takeDerived.test(part) ? derived.isGenerated(part) : isGenerated(part)) {
                parts.add(part);
            }
        }
        return new Enrichment(
                takeDerived.test(EnrichmentPart.HUNT_HYPOTHESIS) ? derived.huntHypothesis : huntHypothesis,
                takeDerived.test(EnrichmentPart.TUNING_GUIDANCE) ? derived.tuningGuidance : tuningGuidance,
                takeDerived.test(EnrichmentPart.ATTACK) ? derived.attack : attack,
                takeDerived.test(EnrichmentPart.ATOMIC_TESTS) ? derived.atomicTests : atomicTests,
                takeDerived.test(EnrichmentPart.DATA_SOURCES) ? derived.dataSources : dataSources,
                takeDerived.test(EnrichmentPart.REQUIRED_TABLES) ? derived.requiredTables : requiredTables,
                takeDerived.test(EnrichmentPart.CONFIDENCE) ? derived.confidence : confidence,
                sourceUrl != null ? sourceUrl : derived.sourceUrl,
                retrievedAt != null ? retrievedAt : derived.retrievedAt,
                parts,
                deployment);
    }

    private boolean isDerivable(EnrichmentPart part) {
        return generated.contains(part) || isEmpty(part);
    }

    private boolean isEmpty(EnrichmentPart part) {
        Object value = part(part);
        return value == null || value instanceof List<?> l && l.isEmpty() || AttackMapping.EMPTY.equals(value)
                || value instanceof String s && s.isBlank();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
