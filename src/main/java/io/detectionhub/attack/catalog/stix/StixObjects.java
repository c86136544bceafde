package io.detectionhub.attack.catalog.stix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a STIX bundle the catalogue needs, extracted while streaming (never the whole bundle in memory).
 */
public final class StixObjects {

    public record AttackPattern(String stixId, String externalId, String name, String description, String url,
                                List<String> phases, List<String> platforms, List<String> dataSources,
                                boolean revokedOrDeprecated) {
    }

    public record StixTactic(String stixId, String externalId, String shortName, String name, String description,
                             String url, boolean deprecated) {
    }

    public record Matrix(String externalId, List<String> tacticRefs, boolean deprecated) {
    }

    public record DataComponent(String stixId, String name, String dataSourceRef, boolean deprecated) {
    }

    public record Relationship(String type, String sourceRef, String targetRef) {
    }

    final List<AttackPattern> attackPatterns = new ArrayList<>();
    final Map<String, StixTactic> tactics = new HashMap<>();
    final List<Matrix> matrices = new ArrayList<>();
    final Map<String, String> dataSourceNames = new HashMap<>();
    final Map<String, DataComponent> dataComponents = new HashMap<>();
    final Map<String, List<String>> strategyAnalytics = new HashMap<>();
    final Map<String, List<String>> analyticComponents = new HashMap<>();
    final List<Relationship> detects = new ArrayList<>();
    String collectionVersion;
    int objectCount;

    public List<AttackPattern> attackPatterns() {
        return attackPatterns;
    }

    public Map<String, StixTactic> tactics() {
        return tactics;
    }

    public List<Matrix> matrices() {
        return matrices;
    }

    public String collectionVersion() {
        return collectionVersion;
    }

    public int objectCount() {
        return objectCount;
    }
}
