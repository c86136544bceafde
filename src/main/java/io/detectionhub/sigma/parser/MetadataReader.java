package io.detectionhub.sigma.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RelatedRule;
import io.detectionhub.sigma.model.RuleMetadata;

/** Reads the descriptive attributes shared by rules, correlations and filters, and the {@code logsource}. */
final class MetadataReader {

    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");
    static final List<String> RELATION_TYPES = List.of("derived", "obsolete", "merged", "renamed", "similar");

    /** Attributes with a model field of their own (everything else goes to {@code custom}). */
    private static final Set<String> KNOWN = Set.of("title", "id", "name", "status", "description", "license",
            "references", "author", "date", "modified", "tags", "level", "falsepositives", "fields", "related");

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})([-/])(\\d{2})\\2(\\d{2})");
    private static final Pattern TAG = Pattern.compile(
            "[A-Za-z0-9_-]+\\.[A-Za-z0-9._-]+");

    private final Problems problems;

    MetadataReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads the metadata of a document; {@code structural} keys (logsource, detection, correlation, filter...) are
     * neither metadata nor custom attributes.
     */
    RuleMetadata read(MappingNode document, Map<String, YamlNodes.Entry> entries, Set<String> structural) {
        String title = text(entries, "title");
        if (!entries.containsKey("title")) {
            problems.add(document, "title", "'title' is missing: every Sigma rule needs a short title");
        } else if (title != null && title.isBlank()) {
            problems.add(entries.get("title").value(), "title", "'title' is empty");
        } else if (title != null && title.length() > 256) {
            problems.add(entries.get("title").value(), "title", "'title' is longer than 256 characters");
        }
        String id = text(entries, "id");
        if (entries.containsKey("id") && (id == null || id.isBlank())) {
            problems.add(entries.get("id").value(), "id", "'id' is empty: remove it (one is generated) or give a "
                    + "UUID");
            id = null;
        }
        checkLength(entries, "name", 256);
        checkLength(entries, "description", 65_535);
        checkDate(entries, "date");
        checkDate(entries, "modified");
        String status = lowerEnum(entries, "status", STATUSES);
        String level = lowerEnum(entries, "level", LEVELS);
        Map<String, Object> custom = new LinkedHashMap<>();
        for (YamlNodes.Entry entry : entries.values()) {
            if (!KNOWN.contains(entry.key()) && !structural.contains(entry.key())) {
                custom.put(entry.key(), YamlNodes.plain(entry.value()));
            }
        }
        List<String> tags = list(entries, "tags");
        checkTags(entries.get("tags"), tags);
        return new RuleMetadata(title, id, text(entries, "name"), status, text(entries, "description"),
                text(entries, "license"), list(entries, "references"), text(entries, "author"),
                text(entries, "date"), text(entries, "modified"), tags, level,
                list(entries, "falsepositives"), list(entries, "fields"), related(entries.get("related")), custom);
    }

    private void checkLength(Map<String, YamlNodes.Entry> entries, String key, int max) {
        String value = text(entries, key);
        if (value != null && value.length() > max) {
            problems.add(entries.get(key).value(), key, "'" + key + "' is longer than " + max + " characters");
        }
    }

    /** Dates are kept as written, but must be real dates: YYYY-MM-DD (or the legacy YYYY/MM/DD). */
    private void checkDate(Map<String, YamlNodes.Entry> entries, String key) {
        String value = text(entries, key);
        if (value == null) {
            return;
        }
        Matcher m = DATE.matcher(value.trim());
        boolean valid = false;
        if (m.matches()) {
            try {
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)));
                valid = true;
            } catch (DateTimeException e) {
                valid = false;
            }
        }
        if (!valid) {
            problems.add(entries.get(key).value(), key, "'" + key + "' must be a date written YYYY-MM-DD, not '"
                    + value + "'");
        }
    }

    /** Tags are namespace.name (the specification's pattern; upper case is tolerated, e.g. attack.T1059). */
    private void checkTags(YamlNodes.Entry entry, List<String> tags) {
        if (entry == null) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            if (!TAG.matcher(tags.get(i)).matches()) {
                Node node = entry.value() instanceof SequenceNode seq && i < seq.getValue().size()
                        ? seq.getValue().get(i) : entry.value();
                problems.add(node, entry.value() instanceof SequenceNode ? Paths.index("tags", i) : "tags", "tag '"
                        + tags.get(i) + "' must be namespace.name without spaces (e.g. attack.execution, "
                        + "attack.t1059.001, cve.2021-44228)");
            }
        }
    }

    /** Reads {@code logsource}; reports it missing when {@code required}. */
    LogSource logSource(MappingNode document, Map<String, YamlNodes.Entry> entries, boolean required) {
        YamlNodes.Entry entry = entries.get("logsource");
        if (entry == null) {
            if (required) {
                problems.add(document, "logsource", "'logsource' is missing: say which events the rule applies to "
                        + "(category, product, service)");
            }
            return LogSource.EMPTY;
        }
        if (!(entry.value() instanceof MappingNode map)) {
            problems.add(entry.value(), "logsource", "'logsource' must be a map with category, product, service or "
                    + "definition, not a " + YamlNodes.kind(entry.value()));
            return LogSource.EMPTY;
        }
        Map<String, YamlNodes.Entry> attributes = YamlNodes.entries(map, "logsource", problems);
        for (YamlNodes.Entry attribute : attributes.values()) {
            if (!(attribute.value() instanceof ScalarNode)) {
                problems.add(attribute.value(), Paths.child("logsource", attribute.key()), "'" + attribute.key()
                        + "' must be a single value, not a " + YamlNodes.kind(attribute.value()));
            }
        }
        String category = lower(scalarText(attributes.get("category")));
        String product = lower(scalarText(attributes.get("product")));
        String service = lower(scalarText(attributes.get("service")));
        String definition = scalarText(attributes.get("definition"));
        return new LogSource(category, product, service, definition);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String scalarText(YamlNodes.Entry entry) {
        if (entry == null || !(entry.value() instanceof ScalarNode scalar) || YamlNodes.isNull(scalar)) {
            return null;
        }
        return scalar.getValue();
    }

    /** A single-value attribute as text (as written: dates are not converted). */
    private String text(Map<String, YamlNodes.Entry> entries, String key) {
        YamlNodes.Entry entry = entries.get(key);
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return null;
        }
        if (entry.value() instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(entry.value(), key, "'" + key + "' must be a single text, not a " + YamlNodes.kind(entry.value()));
        return null;
    }

    private String lowerEnum(Map<String, YamlNodes.Entry> entries, String key, List<String> allowed) {
        String value = text(entries, key);
        if (value == null) {
            return null;
        }
        if (!allowed.contains(value)) {
            problems.add(entries.get(key).value(), key, "'" + value + "' is not a valid " + key + "; use one of "
                    + String.join(", ", allowed) + Suggestions.hint(value, allowed));
        }
        return value;
    }

    /** A text or a list of texts. */
    private List<String> list(Map<String, YamlNodes.Entry> entries, String key) {
        YamlNodes.Entry entry = entries.get(key);
        List<String> result = new ArrayList<>();
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return result;
        }
        Node value = entry.value();
        if (value instanceof ScalarNode scalar) {
            result.add(scalar.getValue());
        } else if (value instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode scalar && !YamlNodes.isNull(scalar)) {
                    result.add(scalar.getValue());
                } else {
                    problems.add(item, Paths.index(key, i), "each entry of '" + key + "' must be a text, not a "
                            + YamlNodes.kind(item));
                }
            }
        } else {
            problems.add(value, key, "'" + key + "' must be a text or a list of texts, not a map");
        }
        return result;
    }

    private List<RelatedRule> related(YamlNodes.Entry entry) {
        List<RelatedRule> result = new ArrayList<>();
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return result;
        }
        if (!(entry.value() instanceof SequenceNode seq)) {
            problems.add(entry.value(), "related", "'related' must be a list of entries with 'id' and 'type'");
            return result;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String path = Paths.index("related", i);
            if (!(item instanceof MappingNode map)) {
                problems.add(item, path, "each entry of 'related' must be a map with 'id' and 'type'");
                continue;
            }
            Map<String, YamlNodes.Entry> fields = YamlNodes.entries(map, path, problems);
            String id = scalarText(fields.get("id"));
            String type = scalarText(fields.get("type"));
            if (id == null || id.isBlank()) {
                problems.add(item, Paths.child(path, "id"), "'related' entry needs the 'id' of the related rule");
            }
            if (type == null) {
                problems.add(item, Paths.child(path, "type"), "'related' entry needs a 'type' ("
                        + String.join(", ", RELATION_TYPES) + ")");
            } else if (!RELATION_TYPES.contains(type)) {
                problems.add(fields.get("type").value(), Paths.child(path, "type"), "'" + type + "' is not a valid "
                        + "relation type; use one of " + String.join(", ", RELATION_TYPES)
                        + Suggestions.hint(type, RELATION_TYPES));
            }
            result.add(new RelatedRule(id, type));
        }
        return result;
    }
}
