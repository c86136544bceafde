package io.detectionhub.sigma.parser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reading SnakeYAML nodes the Sigma way: typed scalars without object construction, maps without duplicate keys. */
final class YamlNodes {

    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern HEX_INT = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?");

    private YamlNodes() {
    }

    /** One entry of a YAML map: its key text and both nodes. */
    record Entry(String key, Node keyNode, Node value) {
    }

    /**
     * The entries of a map in document order. Non-scalar keys are reported; of duplicate keys (reported by
     * {@link YamlDocuments}) the first occurrence wins.
     */
    static Map<String, Entry> entries(MappingNode map, String path, Problems problems) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(keyNode, path, "a key must be a plain text, not a " + kind(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            entries.putIfAbsent(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
        return entries;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** "a list", "a map", "a text" — for messages. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "map";
        }
        if (node instanceof SequenceNode) {
            return "list";
        }
        if (isNull(node)) {
            return "null value";
        }
        return "single value";
    }

    /**
     * A scalar as Java value: {@code null}, {@link Boolean}, {@link BigDecimal} for decimal/hex integers and decimal
     * floats, otherwise the text as written (timestamps, octal-looking and sexagesimal numbers stay text).
     */
    static Object scalarValue(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            String lower = text.toLowerCase();
            return lower.equals("true") || lower.equals("yes") || lower.equals("on");
        }
        if (tag.equals(Tag.INT)) {
            String digits = text.replace("_", "");
            if (DECIMAL_INT.matcher(text).matches()) {
                return new BigDecimal(digits);
            }
            if (HEX_INT.matcher(text).matches()) {
                boolean negative = digits.startsWith("-");
                String hex = digits.replaceFirst("^[-+]?0x", "");
                BigDecimal value = new BigDecimal(new java.math.BigInteger(hex, 16));
                return negative ? value.negate() : value;
            }
            return text;
        }
        if (tag.equals(Tag.FLOAT) && DECIMAL_FLOAT.matcher(text).matches()) {
            try {
                return new BigDecimal(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    /** Converts a node tree to plain Java values (String, Boolean, BigDecimal, List, Map) for custom attributes. */
    static Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            Object value = scalarValue(scalar);
            if (value instanceof BigDecimal d) {
                return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                        ? (Object) d.longValueExact() : (Object) d.doubleValue();
            }
            return value;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            for (Node item : seq.getValue()) {
                list.add(plain(item));
            }
            return list;
        }
        MappingNode map = (MappingNode) node;
        Map<String, Object> result = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node key = tuple.getKeyNode();
            String keyText = key instanceof ScalarNode s ? s.getValue() : String.valueOf(plain(key));
            result.putIfAbsent(keyText, plain(tuple.getValueNode()));
        }
        return result;
    }
}
