package io.detectionhub.library.revisions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Diffs of two revisions with java-diff-utils: the YAML unified (3 lines of context) and side by side with the changed
 * words marked, the enrichment field by field, each part's JSON as text and item by item. Plain text in, plain text out: pages escape it when they render it.
 */
final class RevisionDiffer {

    /** The enrichment's fields in the order they are shown (then any other field, by name). */
    static final List<String> ENRICHMENT_FIELDS = List.of("huntHypothesis", "tuningGuidance", "attack",
            "atomicTests", "dataSources", "requiredTables", "confidence", "sourceUrl", "retrievedAt", "generated");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build();

    private RevisionDiffer() {
    }

    static RevisionDiff diff(String ruleId, int from, String fromYaml, String fromEnrichment, int to, String toYaml,
                             String toEnrichment) {
        return diff(ruleId, from, fromYaml, fromEnrichment, Map.of(), to, toYaml, toEnrichment, Map.of());
    }

    /** With the parts each revision recorded (name to snapshot); a part one side did not record counts as empty. */
    static RevisionDiff diff(String ruleId, int from, String fromYaml, String fromEnrichment,
                             Map<String, String> fromParts, int to, String toYaml, String toEnrichment,
                             Map<String, String> toParts) {
        List<String> a = LineDiff.lines(fromYaml);
        List<String> b = LineDiff.lines(toYaml);
        String unified = LineDiff.unified(label(ruleId, from), label(ruleId, to), a, b);
        Set<String> names = new TreeSet<>(fromParts.keySet());
        names.addAll(toParts.keySet());
        List<RevisionDiff.PartDiff> parts = new ArrayList<>();
        for (String name : names) {
            part(ruleId, name, from, fromParts.getOrDefault(name, "[]"), to, toParts.getOrDefault(name, "[]"))
                    .ifPresent(parts::add);
        }
        return new RevisionDiff(ruleId, from, to, unified, unified.isEmpty() ? List.of() : LineDiff.rows(a, b),
                enrichment(fromEnrichment, toEnrichment), parts);
    }

    /** The change of one part, or empty when its two snapshots mean the same. */
    static Optional<RevisionDiff.PartDiff> part(String ruleId, String name, int from, String fromJson, int to,
                                                String toJson) {
        JsonNode x = JSON.readTree(fromJson);
        JsonNode y = JSON.readTree(toJson);
        if (x.equals(y)) {
            return Optional.empty();
        }
        List<String> a = LineDiff.lines(pretty(x));
        List<String> b = LineDiff.lines(pretty(y));
        String unified = LineDiff.unified(partLabel(ruleId, name, from), partLabel(ruleId, name, to), a, b);
        return Optional.of(new RevisionDiff.PartDiff(name, unified, LineDiff.rows(a, b), items(x, y)));
    }

    private static String partLabel(String ruleId, String part, int revision) {
        return revision == 0 ? "/dev/null" : ruleId + "." + part + ".json (revision " + revision + ")";
    }

    private static String pretty(JsonNode node) {
        return PRETTY.writeValueAsString(node) + "\n";
    }

    /** Item by item, when both snapshots are lists of objects with an id; else empty (the text diff says it all). */
    static List<RevisionDiff.ItemChange> items(JsonNode a, JsonNode b) {
        Map<String, JsonNode> before = byId(a);
        Map<String, JsonNode> after = byId(b);
        if (before == null || after == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<RevisionDiff.ItemChange> changes = new ArrayList<>();
        for (String id : ids) {
            JsonNode x = before.get(id);
            JsonNode y = after.get(id);
            if (Objects.equals(x, y)) {
                continue;
            }
            String kind = x == null ? "added" : y == null ? "removed" : "changed";
            JsonNode shown = y == null ? x : y;
            Set<String> fields = new LinkedHashSet<>();
            if (x != null) {
                x.propertyNames().forEach(fields::add);
            }
            if (y != null) {
                y.propertyNames().forEach(fields::add);
            }
            List<RevisionDiff.FieldChange> changed = new ArrayList<>();
            for (String field : fields) {
                JsonNode u = x == null ? null : normal(field, x.get(field));
                JsonNode v = y == null ? null : normal(field, y.get(field));
                if (!field.equals("id") && !Objects.equals(u, v)) {
                    changed.add(new RevisionDiff.FieldChange(field, text(u), text(v)));
                }
            }
            JsonNode title = shown.has("title") ? shown.get("title") : shown.get("name");
            changes.add(new RevisionDiff.ItemChange(id, title == null ? "" : text(title), kind, changed));
        }
        return changes;
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        if (!list.isArray()) {
            return null;
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode item : list.values()) {
            if (!item.isObject() || !item.has("id") || !item.get("id").isString()) {
                return null;
            }
            byId.put(item.get("id").asString(), item);
        }
        return byId;
    }

    private static String label(String ruleId, int revision) {
        return revision == 0 ? "/dev/null" : ruleId + ".yml (revision " + revision + ")";
    }

    static List<RevisionDiff.FieldChange> enrichment(String fromJson, String toJson) {
        JsonNode a = fromJson == null ? NullNode.getInstance() : JSON.readTree(fromJson);
        JsonNode b = toJson == null ? NullNode.getInstance() : JSON.readTree(toJson);
        Set<String> fields = new LinkedHashSet<>(ENRICHMENT_FIELDS);
        Set<String> others = new TreeSet<>();
        a.propertyNames().forEach(others::add);
        b.propertyNames().forEach(others::add);
        fields.addAll(others);
        List<RevisionDiff.FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode x = normal(field, a.get(field));
            JsonNode y = normal(field, b.get(field));
            if (!Objects.equals(x, y)) {
                changes.add(new RevisionDiff.FieldChange(field, text(x), text(y)));
            }
        }
        return changes;
    }

    /** Absent, null and empty mean the same; {@code generated} is a set (its order means nothing). */
    private static JsonNode normal(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isContainer() && node.isEmpty()
                || node.isString() && node.asString().isEmpty()) {
            return null;
        }
        if (field.equals("generated") && node.isArray()) {
            TreeSet<String> sorted = new TreeSet<>();
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); ) {
                sorted.add(it.next().toString());
            }
            return JSON.readTree("[" + String.join(",", sorted) + "]");
        }
        return node;
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return "";
        }
        return node.isString() ? node.asString() : node.toString();
    }
}
