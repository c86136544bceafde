package io.detectionhub.attack.catalog.stix;

import io.detectionhub.web.JsonProblems;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a STIX 2.1 bundle ({@code {"type":"bundle","objects":[...]}}) object by object and keeps only what the
 * catalogue needs. Memory is bounded by the extracted data, not by the bundle (enterprise-attack.json is ~50 MB).
 */
public final class StixBundleReader {

    private static final Set<String> KEPT_RELATIONSHIPS = Set.of("detects");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxObjects;

    public StixBundleReader(int maxObjects) {
        this.maxObjects = maxObjects;
    }

    public StixObjects read(InputStream in) {
        StixObjects out = new StixObjects();
        boolean sawObjects = false;
        try (JsonParser parser = MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StixFormatException("not a STIX bundle: expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("objects".equals(field) && value == JsonToken.START_ARRAY) {
                    sawObjects = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (++out.objectCount > maxObjects) {
                            throw new StixFormatException("bundle has more than " + maxObjects + " objects");
                        }
                        JsonNode object = MAPPER.readTree(parser);
                        accept(object, out);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new StixFormatException("invalid JSON in STIX bundle: " + JsonProblems.describe(e), e);
        }
        if (!sawObjects) {
            throw new StixFormatException("not a STIX bundle: no \"objects\" array");
        }
        if (out.attackPatterns.isEmpty()) {
            throw new StixFormatException("the bundle has no ATT&CK techniques (attack-pattern objects)");
        }
        return out;
    }

    private static void accept(JsonNode o, StixObjects out) {
        String type = text(o, "type");
        String id = text(o, "id");
        if (type == null || id == null) {
            return;
        }
        boolean deprecated = o.path("x_mitre_deprecated").asBoolean(false);
        boolean revoked = o.path("revoked").asBoolean(false);
        switch (type) {
            case "attack-pattern" -> {
                JsonNode ref = mitreReference(o);
                if (ref == null) {
                    return;
                }
                List<String> phases = new ArrayList<>();
                for (JsonNode phase : o.path("kill_chain_phases")) {
                    String chain = text(phase, "kill_chain_name");
                    String name = text(phase, "phase_name");
                    if (name != null && (chain == null || chain.equals("mitre-attack"))) {
                        phases.add(name);
                    }
                }
                out.attackPatterns.add(new StixObjects.AttackPattern(id, text(ref, "external_id"), text(o, "name"),
                        text(o, "description"), text(ref, "url"), phases, strings(o.path("x_mitre_platforms")),
                        strings(o.path("x_mitre_data_sources")), deprecated || revoked));
            }
            case "x-mitre-tactic" -> {
                JsonNode ref = mitreReference(o);
                out.tactics.put(id, new StixObjects.StixTactic(id, ref == null ? null : text(ref, "external_id"),
                        text(o, "x_mitre_shortname"), text(o, "name"), text(o, "description"),
                        ref == null ? null : text(ref, "url"), deprecated || revoked));
            }
            case "x-mitre-matrix" -> {
                JsonNode ref = mitreReference(o);
                out.matrices.add(new StixObjects.Matrix(ref == null ? null : text(ref, "external_id"),
                        strings(o.path("tactic_refs")), deprecated || revoked));
            }
            case "x-mitre-data-source" -> out.dataSourceNames.put(id, text(o, "name"));
            case "x-mitre-data-component" -> out.dataComponents.put(id, new StixObjects.DataComponent(id,
                    text(o, "name"), text(o, "x_mitre_data_source_ref"), deprecated || revoked));
            case "x-mitre-detection-strategy" -> out.strategyAnalytics.put(id, strings(o.path("x_mitre_analytic_refs")));
            case "x-mitre-analytic" -> {
                List<String> components = new ArrayList<>();
                for (JsonNode ls : o.path("x_mitre_log_source_references")) {
                    String dc = text(ls, "x_mitre_data_component_ref");
                    if (dc != null && !components.contains(dc)) {
                        components.add(dc);
                    }
                }
                out.analyticComponents.put(id, components);
            }
            case "x-mitre-collection" -> out.collectionVersion = text(o, "x_mitre_version");
            case "relationship" -> {
                String relType = text(o, "relationship_type");
                if (relType != null && KEPT_RELATIONSHIPS.contains(relType) && !deprecated && !revoked) {
                    out.detects.add(new StixObjects.Relationship(relType, text(o, "source_ref"), text(o, "target_ref")));
                }
            }
            default -> {
                // other STIX types (groups, software, mitigations, campaigns ...) are not part of the catalogue
            }
        }
    }

    private static JsonNode mitreReference(JsonNode o) {
        for (JsonNode ref : o.path("external_references")) {
            if ("mitre-attack".equals(text(ref, "source_name")) && text(ref, "external_id") != null) {
                return ref;
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                if (item.isString()) {
                    out.add(item.stringValue());
                }
            }
        }
        return out;
    }
}
