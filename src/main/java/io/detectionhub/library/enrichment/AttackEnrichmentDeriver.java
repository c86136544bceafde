package io.detectionhub.library.enrichment;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.AttackSnapshot;
import io.detectionhub.attack.atomic.AtomicIndex;
import io.detectionhub.attack.coverage.atomic.AtomicSimulationCache;
import io.detectionhub.attack.enrichment.DerivedEnrichment;
import io.detectionhub.attack.enrichment.EnrichmentComposer;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaDocument;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Auto-enrichment for the library: hunt hypothesis, tuning guidance, tactics of the tagged techniques, Atomic tests
 * with their expected telemetry, data sources and required tables, every part marked generated until a person
 * edits or approves it. Off with {@code detectionhub.attack.auto-enrichment=false}. Reads only the in-memory catalogues (safe inside the library's write transaction).
 */
@Component
@org.springframework.core.annotation.Order(0) // first: it sets the whole Atomic list, later derivers add to it
@ConditionalOnBooleanProperty(name = "detectionhub.attack.auto-enrichment", matchIfMissing = true)
public class AttackEnrichmentDeriver implements EnrichmentDeriver {

    private static final int MAX_TEXT = 4000;
    private static final int MAX_NAME = 300;

    private record Simulations(AtomicIndex atomics, AtomicSimulationCache cache) {
    }

    private final AttackService data;
    private volatile Simulations simulations;

    public AttackEnrichmentDeriver(AttackService data) {
        this.data = data;
    }

    /** One simulation cache per Atomic index in use (a corpus load re-uses each test's events thousands of times). */
    private AtomicSimulationCache simulationsFor(AtomicIndex atomics) {
        Simulations s = simulations;
        if (s == null || s.atomics() != atomics) {
            s = new Simulations(atomics, new AtomicSimulationCache());
            simulations = s;
        }
        return s.cache();
    }

    @Override
    public Enrichment derive(SigmaDocument document, Enrichment base) {
        AttackSnapshot snapshot = data.snapshot();
        DerivedEnrichment derived = new EnrichmentComposer(snapshot.catalog(), snapshot.atomics(),
                TargetRegistry.builtIn(), simulationsFor(snapshot.atomics())).compose(document);
        Set<EnrichmentPart> generated = EnumSet.noneOf(EnrichmentPart.class);
        generated.addAll(base.generated());

        AttackMapping attack = base.attack();
        if (attack.tactics().isEmpty() && !derived.tactics().isEmpty()) {
            attack = new AttackMapping(derived.tactics().stream().filter(t -> t.matches("[a-z][a-z-]{1,60}")).toList(),
                    attack.techniques(), attack.subTechniques());
            generated.add(EnrichmentPart.ATTACK);
        }
        List<AtomicTestLink> atomicTests = derived.atomicTests().stream()
                .map(t -> new AtomicTestLink(cut(t.name(), MAX_NAME), validGuid(t.guid()), t.techniqueId(),
                        cut(t.expectedTelemetry(), MAX_TEXT)))
                .toList();
        List<String> tuning = derived.tuningGuidance().stream().limit(100).map(s -> cut(s, MAX_TEXT)).toList();
        List<String> dataSources = derived.dataSources().stream().limit(100).map(s -> cut(s, MAX_NAME)).toList();
        List<String> tables = derived.requiredTables().stream().limit(100).map(s -> cut(s, MAX_NAME)).toList();
        String hypothesis = cut(derived.huntHypothesis(), 10_000);

        mark(generated, EnrichmentPart.HUNT_HYPOTHESIS, hypothesis != null && !hypothesis.isBlank());
        mark(generated, EnrichmentPart.TUNING_GUIDANCE, !tuning.isEmpty());
        mark(generated, EnrichmentPart.ATOMIC_TESTS, !atomicTests.isEmpty());
        mark(generated, EnrichmentPart.DATA_SOURCES, !dataSources.isEmpty());
        mark(generated, EnrichmentPart.REQUIRED_TABLES, !tables.isEmpty());
        return new Enrichment(hypothesis, tuning, attack, atomicTests, dataSources, tables, base.confidence(),
                base.sourceUrl(), base.retrievedAt(), generated, base.deployment());
    }

    private static void mark(Set<EnrichmentPart> generated, EnrichmentPart part, boolean filled) {
        if (filled) {
            generated.add(part);
        }
    }

    private static String validGuid(String guid) {
        return guid != null && guid.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                ? guid : null;
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
