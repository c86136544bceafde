package io.detectionhub.attack.enrichment;

import java.util.List;

/**
 * What the ATT&amp;CK feature derives for a rule stored without enrichment; every part is machine-generated until a
 * person edits or approves it.
 */
public record DerivedEnrichment(String huntHypothesis, List<String> tuningGuidance, List<String> tactics,
                                List<DerivedAtomicTest> atomicTests, List<String> dataSources,
                                List<String> requiredTables) {

    /** An Atomic test for one of the rule's techniques, with the telemetry it should produce. */
    public record DerivedAtomicTest(String name, String guid, String techniqueId, String expectedTelemetry,
                                    boolean ruleFiresOnSimulation) {
    }

    public DerivedEnrichment {
        tuningGuidance = List.copyOf(tuningGuidance);
        tactics = List.copyOf(tactics);
        atomicTests = List.copyOf(atomicTests);
        dataSources = List.copyOf(dataSources);
        requiredTables = List.copyOf(requiredTables);
    }
}
