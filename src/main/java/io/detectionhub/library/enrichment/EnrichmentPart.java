package io.detectionhub.library.enrichment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The parts of an {@link Enrichment} that can be machine-generated (and later confirmed by a person). */
public enum EnrichmentPart {
    HUNT_HYPOTHESIS("huntHypothesis"),
    TUNING_GUIDANCE("tuningGuidance"),
    ATTACK("attack"),
    ATOMIC_TESTS("atomicTests"),
    DATA_SOURCES("dataSources"),
    REQUIRED_TABLES("requiredTables"),
    CONFIDENCE("confidence");

    private final String jsonName;

    EnrichmentPart(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static EnrichmentPart fromJsonName(String name) {
        return Arrays.stream(values()).filter(p -> p.jsonName.equals(name) || p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown enrichment part '" + name + "', expected one of "
                        + Arrays.stream(values()).map(EnrichmentPart::jsonName).toList()));
    }
}
