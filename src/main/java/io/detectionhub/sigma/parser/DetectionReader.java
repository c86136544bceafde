package io.detectionhub.sigma.parser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.detectionhub.sigma.model.Cidr;
import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

/** Reads a {@code detection} section (or the detection part of a filter) into a {@link Detection}. */
final class DetectionReader {

    private static final Set<String> RESERVED = Set.of("condition", "timeframe");
    /** Real rules have a handful; the bound keeps condition pattern resolution cheap on hostile input. */
    static final int MAX_IDENTIFIERS = 2_000;

    private final Problems problems;

    DetectionReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads the search identifiers and the condition of {@code section}; {@code ignored} keys (such as a filter's
     * {@code rules}) are skipped. Returns empty when there are problems.
     */
    Optional<Detection> read(MappingNode section, String path, Set<String> ignored) {
        int before = problems.size();
        Map<String, YamlNodes.Entry> entries = YamlNodes.entries(section, path, problems);
        Map<String, SearchIdentifier> identifiers = new LinkedHashMap<>();
        for (YamlNodes.Entry entry : entries.values()) {
            if (RESERVED.contains(entry.key()) || ignored.contains(entry.key())) {
                continue;
            }
            readIdentifier(entry, Paths.child(path, entry.key())).ifPresent(s -> identifiers.put(s.name(), s));
        }
        List<String> names = entries.keySet().stream()
                .filter(k -> !RESERVED.contains(k) && !ignored.contains(k)).toList();
        if (names.size() > MAX_IDENTIFIERS) {
            problems.add(section, path, "too many search identifiers (" + names.size() + "); at most "
                    + MAX_IDENTIFIERS + " are accepted");
            return Optional.empty();
        }
        if (names.isEmpty()) {
            problems.add(section, path, "no search identifier: define at least one selection (e.g. 'selection:') "
                    + "besides 'condition'");
        }
        String timeframe = readTimeframe(entries.get("timeframe"), path);
        YamlNodes.Entry conditionEntry = entries.get("condition");
        List<String> conditionTexts = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        if (conditionEntry == null) {
            problems.add(section, path, "'condition' is missing: say which search identifiers must match "
                    + "(e.g. 'condition: selection')");
        } else {
            readConditions(conditionEntry, Paths.child(path, "condition"), names, conditionTexts, conditions);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Detection(identifiers, conditionTexts, conditions, timeframe));
    }

    private String readTimeframe(YamlNodes.Entry entry, String path) {
        if (entry == null) {
            return null;
        }
        if (!(entry.value() instanceof ScalarNode scalar) || YamlNodes.isNull(scalar)) {
            problems.add(entry.value(), Paths.child(path, "timeframe"), "'timeframe' must be a duration such as 5m");
            return null;
        }
        return scalar.getValue();
    }

    private void readConditions(YamlNodes.Entry entry, String path, List<String> names, List<String> texts,
                                List<Condition> conditions) {
        Node value = entry.value();
        List<ScalarNode> scalars = new ArrayList<>();
        if (value instanceof ScalarNode scalar && !YamlNodes.isNull(scalar)) {
            scalars.add(scalar);
        } else if (value instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode s && !YamlNodes.isNull(s)) {
                    scalars.add(s);
                } else {
                    problems.add(item, Paths.index(path, i), "each condition must be a text such as "
                            + "'selection and not filter', not a " + YamlNodes.kind(item));
                }
            }
        } else {
            problems.add(value, path, "'condition' must be a text such as 'selection and not filter', not a "
                    + YamlNodes.kind(value));
            return;
        }
        for (ScalarNode scalar : scalars) {
            String text = scalar.getValue();
            texts.add(text);
            ConditionParser.Result result = ConditionParser.parse(text, names);
            result.condition().ifPresent(conditions::add);
            for (ConditionParser.Error error : result.errors()) {
                reportConditionError(scalar, path, text, error);
            }
        }
    }

    /** Places a condition error on its character where the scalar is a single plain or quoted line. */
    private void reportConditionError(ScalarNode scalar, String path, String text, ConditionParser.Error error) {
        int line = scalar.getStartMark().getLine() + 1;
        int column = scalar.getStartMark().getColumn() + 1;
        boolean singleLine = scalar.getStartMark().getLine() == scalar.getEndMark().getLine()
                && !text.contains("\n");
        if (singleLine) {
            boolean quoted = scalar.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED
                    || scalar.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            column += error.offset() + (quoted ? 1 : 0);
        }
        problems.add(line, column, path, error.message() + " (in condition '" + text + "')");
    }

    private Optional<SearchIdentifier> readIdentifier(YamlNodes.Entry entry, String path) {
        String name = entry.key();
        Node value = entry.value();
        if (name.isBlank()) {
            problems.add(entry.keyNode(), path, "a search identifier needs a name");
            return Optional.empty();
        }
        if (value instanceof MappingNode map) {
            return readMap(map, path).map(m -> new SearchIdentifier(name, SearchIdentifier.Form.MAP, List.of(m)));
        }
        if (value instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            if (items.isEmpty()) {
                problems.add(value, path, "search identifier '" + name + "' is an empty list");
                return Optional.empty();
            }
            boolean allMaps = items.stream().allMatch(MappingNode.class::isInstance);
            boolean anyMap = items.stream().anyMatch(MappingNode.class::isInstance);
            if (allMaps) {
                List<DetectionMap> maps = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < items.size(); i++) {
                    Optional<DetectionMap> map = readMap((MappingNode) items.get(i), Paths.index(path, i));
                    ok &= map.isPresent();
                    map.ifPresent(maps::add);
                }
                return ok ? Optional.of(new SearchIdentifier(name, SearchIdentifier.Form.LIST_OF_MAPS, maps))
                        : Optional.empty();
            }
            if (anyMap) {
                problems.add(value, path, "search identifier '" + name + "' mixes maps (field: value) and plain "
                        + "keywords in one list; put keywords in a search identifier of their own");
                return Optional.empty();
            }
            return readValues(seq, path, null, List.of(), true).map(values -> keywords(name, values));
        }
        if (YamlNodes.isNull(value)) {
            problems.add(value, path, "search identifier '" + name + "' is empty");
            return Optional.empty();
        }
        return readValues(value, path, null, List.of(), true).map(values -> keywords(name, values));
    }

    private static SearchIdentifier keywords(String name, List<SigmaValue> values) {
        DetectionItem item = new DetectionItem(null, List.of(), values);
        return new SearchIdentifier(name, SearchIdentifier.Form.KEYWORDS, List.of(new DetectionMap(List.of(item))));
    }

    private Optional<DetectionMap> readMap(MappingNode map, String path) {
        if (map.getValue().isEmpty()) {
            problems.add(map, path, "empty map: a selection needs at least one 'field: value'");
            return Optional.empty();
        }
        List<DetectionItem> items = new ArrayList<>();
        boolean ok = true;
        for (YamlNodes.Entry entry : YamlNodes.entries(map, path, problems).values()) {
            Optional<DetectionItem> item = readItem(entry, Paths.child(path, entry.key()));
            ok &= item.isPresent();
            item.ifPresent(items::add);
        }
        return ok ? Optional.of(new DetectionMap(items)) : Optional.empty();
    }

    private Optional<DetectionItem> readItem(YamlNodes.Entry entry, String path) {
        String key = entry.key();
        List<String> pieces = Arrays.asList(key.split("\\|", -1));
        String field = pieces.get(0).trim();
        boolean keyword = field.isEmpty();
        if (keyword && pieces.size() == 1) {
            problems.add(entry.keyNode(), path, "empty field name");
            return Optional.empty();
        }
        Optional<List<Modifier>> modifiers = ModifierChain.parse(key, field, pieces.subList(1, pieces.size()),
                keyword, entry.keyNode(), path, problems);
        if (modifiers.isEmpty()) {
            return Optional.empty();
        }
        Node value = entry.value();
        if (value instanceof MappingNode) {
            problems.add(value, path, "the value of '" + key + "' is a map; a value must be a single value or a "
                    + "list of values (check the indentation)");
            return Optional.empty();
        }
        return readValues(value, path, key, modifiers.get(), false).flatMap(values ->
                checkValues(key, modifiers.get(), values, value, path)
                        ? Optional.of(new DetectionItem(keyword ? null : field, modifiers.get(), values))
                        : Optional.empty());
    }

    /** Checks that need both the modifiers and the values. */
    private boolean checkValues(String key, List<Modifier> modifiers, List<SigmaValue> values, Node node,
                                String path) {
        int before = problems.size();
        if (modifiers.contains(Modifier.ALL) && values.size() < 2) {
            problems.add(node, path, "'all' needs a list of at least two values in '" + key + "'; with a single "
                    + "value, remove '|all'");
        }
        if (modifiers.contains(Modifier.EXISTS)
                && (values.size() != 1 || !(values.get(0) instanceof SigmaValue.Bool))) {
            problems.add(node, path, "'exists' needs true or false in '" + key + "'");
        }
        boolean numeric = modifiers.stream().anyMatch(m -> m.isNumericComparison() || m.isTimePart());
        if (numeric && values.stream().anyMatch(v -> !(v instanceof SigmaValue.Number))) {
            problems.add(node, path, "'" + modifiers.stream().filter(m -> m.isNumericComparison() || m.isTimePart())
                    .findFirst().orElseThrow().keyword() + "' needs numbers in '" + key + "'");
        }
        return problems.size() == before;
    }

    /**
     * Reads a single value or a list of values. {@code key} is null for keyword lists. Strings are parsed according to
     * the modifiers ({@code re}, {@code cidr}, {@code fieldref}, {@code expand}).
     */
    private Optional<List<SigmaValue>> readValues(Node node, String path, String key, List<Modifier> modifiers,
                                                  boolean keywordList) {
        List<Node> nodes;
        List<String> paths = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            nodes = seq.getValue();
            if (nodes.isEmpty()) {
                problems.add(node, path, key == null ? "empty keyword list"
                        : "'" + key + "' has an empty list of values; give at least one value (or null to match a "
                        + "missing field)");
                return Optional.empty();
            }
            for (int i = 0; i < nodes.size(); i++) {
                paths.add(Paths.index(path, i));
            }
        } else {
            nodes = List.of(node);
            paths.add(path);
        }
        List<SigmaValue> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            if (!(item instanceof ScalarNode scalar)) {
                problems.add(item, paths.get(i), "a value must be a text, number, boolean or null, not a "
                        + (item instanceof MappingNode ? "map" : "nested list")
                        + (key == null ? "" : " (in '" + key + "')"));
                ok = false;
                continue;
            }
            Optional<SigmaValue> value = readValue(scalar, paths.get(i), key, modifiers, keywordList);
            ok &= value.isPresent();
            value.ifPresent(values::add);
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    private Optional<SigmaValue> readValue(ScalarNode scalar, String path, String key, List<Modifier> modifiers,
                                           boolean keywordList) {
        Object raw = YamlNodes.scalarValue(scalar);
        String where = key == null ? "" : " in '" + key + "'";
        if (raw == null) {
            if (keywordList || modifiers.stream().anyMatch(DetectionReader::needsText)) {
                problems.add(scalar, path, "null cannot be used" + (keywordList ? " as a keyword" : where
                        + "; null only means 'field is missing or empty' without modifiers"));
                return Optional.empty();
            }
            return Optional.of(SigmaValue.Null.INSTANCE);
        }
        if (modifiers.contains(Modifier.EXISTS)) {
            return raw instanceof Boolean b ? Optional.of(new SigmaValue.Bool(b)) : Optional.of(SigmaString.literal(
                    scalar.getValue()));
        }
        boolean textual = modifiers.stream().anyMatch(DetectionReader::needsText);
        if (raw instanceof BigDecimal number && !textual) {
            return Optional.of(SigmaValue.Number.of(number));
        }
        if (raw instanceof Boolean b && !textual) {
            return Optional.of(new SigmaValue.Bool(b));
        }
        String text = scalar.getValue();
        if (modifiers.contains(Modifier.RE)) {
            return checkRegex(text, modifiers, scalar, path, where)
                    ? Optional.of(new SigmaString(text, List.of(new SigmaString.Literal(text))))
                    : Optional.empty();
        }
        if (modifiers.contains(Modifier.CIDR)) {
            if (Cidr.parse(text).isEmpty()) {
                problems.add(scalar, path, "'" + text + "' is not a valid IPv4 or IPv6 CIDR network" + where
                        + " (e.g. 10.0.0.0/8 or fe80::/10)");
                return Optional.empty();
            }
            return Optional.of(SigmaString.literal(text));
        }
        if (modifiers.contains(Modifier.FIELDREF)) {
            if (text.isBlank()) {
                problems.add(scalar, path, "'fieldref' needs a field name" + where);
                return Optional.empty();
            }
            return Optional.of(SigmaString.literal(text));
        }
        SigmaString value = SigmaStrings.parse(text, modifiers.contains(Modifier.EXPAND));
        boolean base64 = modifiers.contains(Modifier.BASE64) || modifiers.contains(Modifier.BASE64OFFSET);
        if (base64 && value.hasWildcards()) {
            problems.add(scalar, path, "'" + text + "' has a wildcard, which base64 cannot encode" + where
                    + "; escape it (\\*, \\?) to mean the character itself");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Modifiers that treat the value as text, so a YAML number or boolean is taken as written. */
    private static boolean needsText(Modifier m) {
        return switch (m) {
            case CONTAINS, STARTSWITH, ENDSWITH, WINDASH, RE, BASE64, BASE64OFFSET, UTF16, UTF16BE, UTF16LE, WIDE,
                 CIDR, FIELDREF, EXPAND -> true;
            default -> false;
        };
    }

    private boolean checkRegex(String regex, List<Modifier> modifiers, ScalarNode scalar, String path,
                               String where) {
        int flags = (modifiers.contains(Modifier.RE_IGNORECASE) ? Pattern.CASE_INSENSITIVE : 0)
                | (modifiers.contains(Modifier.RE_MULTILINE) ? Pattern.MULTILINE : 0)
                | (modifiers.contains(Modifier.RE_DOTALL) ? Pattern.DOTALL : 0);
        if (RegexComplexity.estimate(regex) > RegexComplexity.LIMIT) {
            problems.add(scalar, path, "regular expression too complex" + where + ": its repetitions expand to more "
                    + "than " + RegexComplexity.LIMIT + " steps; simplify nested {n,m} counts");
            return false;
        }
        try {
            Pattern.compile(regex, flags);
            return true;
        } catch (PatternSyntaxException e) {
            problems.add(scalar, path, "invalid regular expression" + where + ": " + e.getDescription()
                    + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at '" + e.getPattern() + "'"));
            return false;
        }
    }
}
