package io.detectionhub.library.enrichment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.detectionhub.library.enrichment.EnrichmentPart.ATOMIC_TESTS;
import static io.detectionhub.library.enrichment.EnrichmentPart.ATTACK;
import static io.detectionhub.library.enrichment.EnrichmentPart.DATA_SOURCES;
import static io.detectionhub.library.enrichment.EnrichmentPart.HUNT_HYPOTHESIS;
import static io.detectionhub.library.enrichment.EnrichmentPart.TUNING_GUIDANCE;
import static org.assertj.core.api.Assertions.assertThat;

/** Which enrichment parts a machine may (re)derive and which a person owns. */
class EnrichmentTest {

    private static final AttackMapping T1059 = new AttackMapping(List.of("execution"), List.of("T1059"), List.of());
    private static final AttackMapping T1033 = new AttackMapping(List.of("discovery"), List.of("T1033"), List.of());

    private static Enrichment enrichment(String hypothesis, AttackMapping attack, List<String> dataSources,
                                         Set<EnrichmentPart> generated) {
        return new Enrichment(hypothesis, null, attack, null, dataSources, null, null, null, null, generated);
    }

    @Test
    void mapsAttackTagsToTacticsTechniquesAndSubTechniques() {
        AttackMapping mapping = AttackMapping.fromTags(List.of("attack.execution", "attack.t1059.004",
                "attack.T1059", "attack.privilege_escalation", "attack.g0007", "attack.s0002", "cve.2021-44228",
                "attack.t1059.004"));
        assertThat(mapping.tactics()).containsExactly("execution", "privilege-escalation");
        assertThat(mapping.techniques()).containsExactly("T1059");
        assertThat(mapping.subTechniques()).containsExactly("T1059.004");
        assertThat(mapping.allTechniqueIds()).containsExactly("T1059", "T1059.004");
    }

    @Test
    void fromTagsMarksTheMappingGenerated() {
        Enrichment e = Enrichment.fromTags(List.of("attack.t1059"));
        assertThat(e.attack()).isEqualTo(new AttackMapping(List.of(), List.of("T1059"), List.of()));
        assertThat(e.generated()).containsExactly(ATTACK);
        assertThat(e.tuningGuidance()).isEmpty();
    }

    @Test
    void rederiveReplacesGeneratedAndEmptyPartsAndKeepsWhatAPersonWrote() {
        Enrichment stored = enrichment("A person's hypothesis", T1059, List.of(), Set.of(ATTACK));
        Enrichment derived = enrichment("Draft hypothesis", T1033, List.of("Process: Process Creation"),
                Set.of(HUNT_HYPOTHESIS, ATTACK, DATA_SOURCES));
        Enrichment next = stored.rederive(derived);
        assertThat(next.huntHypothesis()).isEqualTo("A person's hypothesis");
        assertThat(next.attack()).isEqualTo(T1033);
        assertThat(next.dataSources()).containsExactly("Process: Process Creation");
        assertThat(next.generated()).containsExactlyInAnyOrder(ATTACK, DATA_SOURCES);
    }

    @Test
    void fillEmptyOnlyFillsWhatIsMissing() {
        Enrichment given = enrichment("Given", T1059, null, Set.of());
        Enrichment derived = enrichment("Draft", T1033, List.of("Command: Command Execution"),
                Set.of(HUNT_HYPOTHESIS, ATTACK, DATA_SOURCES));
        Enrichment next = given.fillEmpty(derived);
        assertThat(next.huntHypothesis()).isEqualTo("Given");
        assertThat(next.attack()).isEqualTo(T1059);
        assertThat(next.dataSources()).containsExactly("Command: Command Execution");
        assertThat(next.generated()).containsExactly(DATA_SOURCES);
    }

    @Test
    void anEditConfirmsEveryPartExceptUnchangedOnesItStillMarksGenerated() {
        Enrichment stored = enrichment("Draft", T1059, List.of("Process: Process Creation"),
                Set.of(HUNT_HYPOTHESIS, ATTACK, DATA_SOURCES));
        Enrichment edit = enrichment("Rewritten", T1059, List.of("Process: Process Creation"),
                Set.of(HUNT_HYPOTHESIS, ATTACK));
        assertThat(edit.asEditOf(stored).generated()).containsExactly(ATTACK);
        assertThat(enrichment("Draft", T1059, null, null).asEditOf(stored).generated()).isEmpty();
    }

    @Test
    void keepsProvenanceAcrossRederivation() {
        Instant retrieved = Instant.parse("2026-01-02T03:04:05Z");
        Enrichment stored = new Enrichment(null, List.of("tune"), null, List.of(new AtomicTestLink("t", null, "T1059",
                "x")), null, null, Confidence.HIGH, "https://example.org", retrieved, Set.of(ATOMIC_TESTS));
        Enrichment next = stored.rederive(Enrichment.fromTags(List.of("attack.t1033")));
        assertThat(next.sourceUrl()).isEqualTo("https://example.org");
        assertThat(next.retrievedAt()).isEqualTo(retrieved);
        assertThat(next.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(next.tuningGuidance()).containsExactly("tune");
        assertThat(next.atomicTests()).isEmpty();
        assertThat(next.generated()).containsExactly(ATTACK);
        assertThat(next.isGenerated(TUNING_GUIDANCE)).isFalse();
    }
}
