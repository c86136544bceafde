package io.detectionhub.sigma.parser;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Gives a Sigma text an identity without reformatting it: the {@code id} of its primary document (the first
 * correlation rule if there is one, else the first document), or a new random UUID written into the text as an
 * {@code id:} line right after the top-level {@code title:} (or at the start of the document when it has no title).
 * Everything else stays byte for byte, line endings included.
 */
public final class SigmaIdentity {

    private SigmaIdentity() {
    }

    /** The id and the (possibly amended) text; {@code generated} tells whether an id line was inserted. */
    public record IdentifiedYaml(String id, String yaml, boolean generated) {
    }

    /**
     * Returns the id of the primary document, inserting a generated one if it has none.
     *
     * @throws SigmaValidationException when the text is not YAML, has no document, or its primary document is not a
     *                                  block-style map or has an empty {@code id}
     */
    public static IdentifiedYaml ensureId(String yaml) {
        return ensureId(yaml, UUID.randomUUID().toString());
    }

    /** As {@link #ensureId(String)}, with the id to insert when the text has none (e.g. one derived from its source). */
    public static IdentifiedYaml ensureId(String yaml, String newId) {
        Problems problems = new Problems();
        List<Node> documents = YamlDocuments.compose(yaml, problems);
        problems.throwIfAny();
        if (documents.isEmpty()) {
            throw new SigmaValidationException(new SigmaProblem("the text contains no YAML document", 0, 0, ""));
        }
        MappingNode primary = primary(documents, problems);
        problems.throwIfAny();
        Map<String, YamlNodes.Entry> entries = YamlNodes.entries(primary, "", problems);
        YamlNodes.Entry id = entries.get("id");
        if (id != null) {
            if (id.value() instanceof ScalarNode scalar && !YamlNodes.isNull(scalar) && !scalar.getValue().isBlank()) {
                return new IdentifiedYaml(scalar.getValue(), yaml, false);
            }
            throw new SigmaValidationException(problem(id.value(), "'id' is empty: remove it (one is generated) or "
                    + "give a UUID"));
        }
        if (primary.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw new SigmaValidationException(problem(primary, "cannot add an id to a document written as a flow "
                    + "map {...}; add 'id:' yourself"));
        }
        return new IdentifiedYaml(newId, insertId(yaml, primary, entries.get("title"), newId), true);
    }

    private static MappingNode primary(List<Node> documents, Problems problems) {
        Node primary = documents.get(0);
        for (Node document : documents) {
            if (document instanceof MappingNode map && map.getValue().stream().anyMatch(t ->
                    t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("correlation"))) {
                primary = document;
                break;
            }
        }
        if (!(primary instanceof MappingNode map)) {
            problems.add(primary, "", "a Sigma document must be a map of attributes, not a "
                    + YamlNodes.kind(primary));
            return null;
        }
        return map;
    }

    private static SigmaProblem problem(Node node, String message) {
        return new SigmaProblem(message, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, "id");
    }

    private static String insertId(String yaml, MappingNode document, YamlNodes.Entry title, String id) {
        // Marks count lines in the text as SnakeYAML read it; a leading BOM is not a line of its own.
        int insertLine;
        int indent;
        if (title != null) {
            Node value = title.value();
            int endLine = value.getEndMark().getLine();
            insertLine = value.getEndMark().getColumn() == 0 && endLine > title.keyNode().getStartMark().getLine()
                    ? endLine : endLine + 1;
            indent = title.keyNode().getStartMark().getColumn();
        } else {
            Node firstKey = document.getValue().get(0).getKeyNode();
            insertLine = firstKey.getStartMark().getLine();
            indent = firstKey.getStartMark().getColumn();
        }
        LineIndex lines = new LineIndex(yaml);
        String eol = lines.lineEnding(Math.max(0, insertLine - 1));
        String line = " ".repeat(indent) + "id: " + id + eol;
        int offset = lines.startOf(insertLine);
        if (offset == yaml.length() && !yaml.isEmpty() && !lines.endsWithLineBreak()) {
            return yaml + eol + " ".repeat(indent) + "id: " + id;
        }
        return yaml.substring(0, offset) + line + yaml.substring(offset);
    }
}
