package io.detectionhub.sigma.parser;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SigmaCorrelation.Bound;
import io.detectionhub.sigma.model.SigmaCorrelation.Comparison;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationCondition;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationType;
import io.detectionhub.sigma.model.SigmaCorrelation;

/** Reads the {@code correlation} section of a correlation rule. */
final class CorrelationReader {

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdwMy])");
    private static final Set<String> KNOWN = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases",
            "generate");
    private static final List<String> TYPES = List.of("event_count", "value_count", "temporal", "temporal_ordered");

    private final Problems problems;

    CorrelationReader(Problems problems) {
        this.problems = problems;
    }

    Optional<SigmaCorrelation> read(RuleMetadata metadata, Map<String, YamlNodes.Entry> document,
                                    YamlNodes.Entry section) {
        int before = problems.size();
        if (!(section.value() instanceof MappingNode map)) {
            problems.add(section.value(), "correlation", "'correlation' must be a map with type, rules, group-by, "
                    + "timespan and condition");
            return Optional.empty();
        }
        Map<String, YamlNodes.Entry> entries = YamlNodes.entries(map, "correlation", problems);
        for (YamlNodes.Entry entry : entries.values()) {
            if (!KNOWN.contains(entry.key())) {
                problems.add(entry.keyNode(), Paths.child("correlation", entry.key()), "unknown correlation attribute '"
                        + entry.key() + "'" + Suggestions.hint(entry.key(), KNOWN));
            }
        }
        CorrelationType type = type(map, entries.get("type"));
        List<String> rules = texts(entries.get("rules"), "correlation.rules", true, map);
        if (entries.containsKey("rules") && rules.isEmpty() && problems.size() == before) {
            problems.add(entries.get("rules").value(), "correlation.rules", "'rules' names no rule");
        }
        List<String> groupBy = texts(entries.get("group-by"), "correlation.group-by", false, map);
        String timespanText = null;
        Duration timespan = null;
        YamlNodes.Entry timespanEntry = entries.get("timespan");
        if (timespanEntry == null) {
            problems.add(map, "correlation.timespan", "'timespan' is missing (e.g. 'timespan: 5m')");
        } else {
            timespanText = timespanEntry.value() instanceof ScalarNode s ? s.getValue() : null;
            timespan = timespanText == null ? null : duration(timespanText);
            if (timespan == null) {
                problems.add(timespanEntry.value(), "correlation.timespan", "'timespan' must be a number followed by "
                        + "s, m, h or d (e.g. 30s, 5m, 1h, 7d), not '" + (timespanText == null
                        ? YamlNodes.kind(timespanEntry.value()) : timespanText) + "'");
            }
        }
        CorrelationCondition condition = condition(map, entries.get("condition"), type, rules.size());
        Map<String, Map<String, String>> aliases = aliases(entries.get("aliases"), rules);
        boolean generate = generate(entries.get("generate"), "correlation.generate")
                || generate(document.get("generate"), "generate");
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new SigmaCorrelation(metadata, type, rules, groupBy, timespan, timespanText, condition,
                aliases, generate));
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}; also {@code w}, {@code M} (30 days) and {@code y} (365 days). */
    static Duration duration(String text) {
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return null;
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    private CorrelationType type(MappingNode map, YamlNodes.Entry entry) {
        if (entry == null) {
            problems.add(map, "correlation.type", "'type' is missing: use one of " + String.join(", ", TYPES));
            return null;
        }
        String text = entry.value() instanceof ScalarNode s ? s.getValue() : "";
        Optional<CorrelationType> type = CorrelationType.fromKeyword(text);
        if (type.isEmpty()) {
            problems.add(entry.value(), "correlation.type", "'" + text + "' is not a correlation type; use one of "
                    + String.join(", ", TYPES) + Suggestions.hint(text, TYPES));
            return null;
        }
        return type.get();
    }

    private List<String> texts(YamlNodes.Entry entry, String path, boolean required, MappingNode map) {
        List<String> result = new ArrayList<>();
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (entry == null || YamlNodes.isNull(entry.value())) {
            if (required) {
                problems.add(entry == null ? map : entry.value(), path, "'" + key + "' is missing");
            }
            return result;
        }
        Node value = entry.value();
        if (value instanceof ScalarNode scalar) {
            result.add(scalar.getValue());
        } else if (value instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode s && !YamlNodes.isNull(s) && !s.getValue().isBlank()) {
                    if (result.contains(s.getValue())) {
                        problems.add(item, Paths.index(path, i), "'" + s.getValue() + "' is listed twice in '" + key
                                + "'");
                    }
                    result.add(s.getValue());
                } else {
                    problems.add(item, Paths.index(path, i), "each entry of '" + key + "' must be a text");
                }
            }
        } else {
            problems.add(value, path, "'" + key + "' must be a text or a list of texts, not a map");
        }
        return result;
    }

    private CorrelationCondition condition(MappingNode map, YamlNodes.Entry entry, CorrelationType type,
                                           int ruleCount) {
        String path = "correlation.condition";
        boolean temporal = type == CorrelationType.TEMPORAL || type == CorrelationType.TEMPORAL_ORDERED;
        if (entry == null || YamlNodes.isNull(entry.value())) {
            if (temporal) {
                return new CorrelationCondition(List.of(new Bound(Comparison.GTE, Math.max(ruleCount, 1))), null);
            }
            if (type != null) {
                problems.add(entry == null ? map : entry.value(), path, "'condition' is missing: an " + type.keyword()
                        + " correlation needs a count condition such as 'gte: 10'");
            }
            return null;
        }
        if (!(entry.value() instanceof MappingNode conditionMap)) {
            problems.add(entry.value(), path, "'condition' must be a map such as 'gte: 10' (gt, gte, lt, lte, eq"
                    + (type == CorrelationType.VALUE_COUNT ? ", and field" : "") + ")");
            return null;
        }
        int before = problems.size();
        List<Bound> bounds = new ArrayList<>();
        String field = null;
        for (YamlNodes.Entry item : YamlNodes.entries(conditionMap, path, problems).values()) {
            String itemPath = Paths.child(path, item.key());
            if (item.key().equals("field")) {
                field = conditionField(item, itemPath, type);
                continue;
            }
            Optional<Comparison> comparison = comparison(item.key());
            if (comparison.isEmpty()) {
                problems.add(item.keyNode(), itemPath, "unknown condition '" + item.key() + "'; use gt, gte, lt, lte "
                        + "or eq" + Suggestions.hint(item.key(), List.of("gt", "gte", "lt", "lte", "eq", "field")));
                continue;
            }
            Object value = item.value() instanceof ScalarNode s ? YamlNodes.scalarValue(s) : null;
            if (!(value instanceof BigDecimal number) || number.scale() > 0 && number.stripTrailingZeros().scale() > 0
                    || number.signum() < 0) {
                problems.add(item.value(), itemPath, "'" + item.key() + "' needs a whole number of at least 0");
                continue;
            }
            bounds.add(new Bound(comparison.get(), number.longValue()));
        }
        if (type == CorrelationType.VALUE_COUNT && field == null) {
            problems.add(entry.value(), path, "a value_count correlation needs 'field': the field whose distinct "
                    + "values are counted");
        }
        if (problems.size() == before) {
            checkBounds(bounds, entry.value(), path);
        }
        return new CorrelationCondition(bounds, field);
    }

    private String conditionField(YamlNodes.Entry item, String path, CorrelationType type) {
        if (type != null && type != CorrelationType.VALUE_COUNT) {
            problems.add(item.keyNode(), path, "'field' is only used by value_count correlations");
            return null;
        }
        Node value = item.value();
        if (value instanceof SequenceNode seq && seq.getValue().size() == 1) {
            value = seq.getValue().get(0);
        }
        if (value instanceof ScalarNode s && !YamlNodes.isNull(s) && !s.getValue().isBlank()) {
            return s.getValue();
        }
        problems.add(item.value(), path, "'field' must name one field");
        return null;
    }

    private static Optional<Comparison> comparison(String key) {
        for (Comparison c : Comparison.values()) {
            if (c.keyword().equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** One bound, or a range of one lower (gt/gte) and one upper (lt/lte) bound. */
    private void checkBounds(List<Bound> bounds, Node node, String path) {
        if (bounds.isEmpty()) {
            problems.add(node, path, "the condition needs a count criterion: gt, gte, lt, lte or eq");
            return;
        }
        if (bounds.size() == 1) {
            return;
        }
        if (bounds.size() > 2 || bounds.stream().anyMatch(b -> b.comparison() == Comparison.EQ)) {
            problems.add(node, path, "a condition has one criterion, or two for a range (a lower bound gt/gte and an "
                    + "upper bound lt/lte)");
            return;
        }
        Bound lower = bounds.stream().filter(b -> b.comparison() == Comparison.GT || b.comparison() == Comparison.GTE)
                .findFirst().orElse(null);
        Bound upper = bounds.stream().filter(b -> b.comparison() == Comparison.LT || b.comparison() == Comparison.LTE)
                .findFirst().orElse(null);
        if (lower == null || upper == null) {
            problems.add(node, path, "a range needs one lower bound (gt or gte) and one upper bound (lt or lte)");
            return;
        }
        long smallest = lower.comparison() == Comparison.GT ? lower.value() + 1 : lower.value();
        long largest = upper.comparison() == Comparison.LT ? upper.value() - 1 : upper.value();
        boolean empty = smallest > largest;
        if (empty) {
            problems.add(node, path, "the range " + lower.comparison().keyword() + " " + lower.value() + " and "
                    + upper.comparison().keyword() + " " + upper.value() + " can never match");
        }
    }

    private Map<String, Map<String, String>> aliases(YamlNodes.Entry entry, List<String> rules) {
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return aliases;
        }
        String path = "correlation.aliases";
        if (!(entry.value() instanceof MappingNode map)) {
            problems.add(entry.value(), path, "'aliases' must map each alias to {rule name: field name}");
            return aliases;
        }
        for (YamlNodes.Entry alias : YamlNodes.entries(map, path, problems).values()) {
            String aliasPath = Paths.child(path, alias.key());
            if (!(alias.value() instanceof MappingNode fields)) {
                problems.add(alias.value(), aliasPath, "alias '" + alias.key() + "' must map rule names to field "
                        + "names");
                continue;
            }
            Map<String, String> byRule = new LinkedHashMap<>();
            for (YamlNodes.Entry field : YamlNodes.entries(fields, aliasPath, problems).values()) {
                if (!rules.isEmpty() && !rules.contains(field.key())) {
                    problems.add(field.keyNode(), Paths.child(aliasPath, field.key()), "alias '" + alias.key()
                            + "' names rule '" + field.key() + "', which is not in 'rules'"
                            + Suggestions.hint(field.key(), rules));
                } else if (field.value() instanceof ScalarNode s && !YamlNodes.isNull(s)) {
                    byRule.put(field.key(), s.getValue());
                } else {
                    problems.add(field.value(), Paths.child(aliasPath, field.key()), "the field name for rule '"
                            + field.key() + "' must be a text");
                }
            }
            aliases.put(alias.key(), byRule);
        }
        return aliases;
    }

    private boolean generate(YamlNodes.Entry entry, String path) {
        if (entry == null || YamlNodes.isNull(entry.value())) {
            return false;
        }
        Object value = entry.value() instanceof ScalarNode s ? YamlNodes.scalarValue(s) : null;
        if (value instanceof Boolean b) {
            return b;
        }
        problems.add(entry.value(), path, "'generate' must be true or false");
        return false;
    }
}
