package io.detectionhub.sigma.parser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Composes YAML text into SnakeYAML node trees (never into objects), with limits for hostile input: text size,
 * nesting depth, alias count. Anchors, aliases and explicit non-standard tags are reported as problems, because Sigma
 * rules never need them and they are the raw material of YAML bombs and deserialisation attacks.
 */
final class YamlDocuments {

    /** Largest accepted text, in characters (about 2 MB). */
    static final int MAX_CHARS = 2_000_000;
    static final int MAX_NESTING_DEPTH = 40;
    static final int MAX_ALIASES = 20;

    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP, Tag.MAP, Tag.SEQ, Tag.BINARY, Tag.MERGE);

    /** SnakeYAML's default tag inspector rejects global tags (e.g. Java class names) while composing. */
    private static final String GLOBAL_TAG = "Global tag is not allowed:";

    private YamlDocuments() {
    }

    /**
     * The non-empty documents of {@code text} (an empty document, e.g. after a trailing {@code ---}, is skipped); an empty list (with problems recorded) when the text is not usable YAML.
     */
    static List<Node> compose(String text, Problems problems) {
        if (text == null || text.isBlank()) {
            problems.add(0, 0, "", "the Sigma text is empty");
            return List.of();
        }
        if (text.length() > MAX_CHARS) {
            problems.add(0, 0, "", "rule text too large: " + text.length() + " characters, at most " + MAX_CHARS
                    + " are accepted");
            return List.of();
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : newYaml().composeAll(new StringReader(body))) {
                if (document != null && !YamlNodes.isNull(document)) {
                    documents.add(document);
                }
            }
        } catch (MarkedYAMLException e) {
            problems.add(e.getProblemMark(), "", describe(e));
            return List.of();
        } catch (YAMLException e) {
            problems.add(0, 0, "", translateLimit(e.getMessage()));
            return List.of();
        } catch (StackOverflowError e) {
            problems.add(0, 0, "", "the YAML is nested too deeply");
            return List.of();
        }
        for (Node document : documents) {
            checkSafe(document, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return documents;
    }

    static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CHARS + 16);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        options.setWrappedToRootException(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext();
        if (problem.contains("(TAB)")) {
            return "invalid YAML: a tab character cannot be used for indentation, use spaces";
        }
        if (problem.startsWith(GLOBAL_TAG)) {
            return tagNotAllowed(problem);
        }
        if (context != null && !context.isBlank()) {
            return "invalid YAML: " + problem + " (" + context + ")";
        }
        return "invalid YAML: " + problem;
    }

    private static String tagNotAllowed(String message) {
        return "the YAML tag '" + message.substring(GLOBAL_TAG.length()).trim() + "' is not allowed in Sigma rules";
    }

    private static String translateLimit(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith(GLOBAL_TAG)) {
            return tagNotAllowed(m);
        }
        if (m.contains("aliases")) {
            return "the YAML uses too many aliases (a possible YAML bomb); anchors and aliases are not allowed in "
                    + "Sigma rules";
        }
        if (m.toLowerCase().contains("depth")) {
            return "the YAML is nested too deeply (more than " + MAX_NESTING_DEPTH + " levels)";
        }
        if (m.contains("code points")) {
            return "rule text too large: at most " + MAX_CHARS + " characters are accepted";
        }
        return "invalid YAML: " + m;
    }

    /** Reports anchors/aliases and custom tags, visiting each node once (so aliased subtrees are never expanded). */
    private static void checkSafe(Node node, String path, Problems problems, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node.getAnchor() != null) {
            problems.add(node, path, "YAML anchors and aliases (&" + node.getAnchor() + ", *" + node.getAnchor()
                    + ") are not allowed in Sigma rules; write the values out");
        }
        if (!STANDARD_TAGS.contains(node.getTag())) {
            problems.add(node, path, "the YAML tag '" + node.getTag().getValue() + "' is not allowed in Sigma rules");
        }
        if (node instanceof MappingNode map) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    Node first = keys.putIfAbsent(key.getValue(), key);
                    if (first != null) {
                        problems.add(key, Paths.child(path, key.getValue()), "duplicate key '" + key.getValue() + "' (first defined on line "
                                + (first.getStartMark().getLine() + 1) + ")");
                    }
                }
                String childPath = tuple.getKeyNode() instanceof ScalarNode key
                        ? Paths.child(path, key.getValue()) : path;
                checkSafe(tuple.getKeyNode(), path, problems, seen);
                checkSafe(tuple.getValueNode(), childPath, problems, seen);
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                checkSafe(items.get(i), Paths.index(path, i), problems, seen);
            }
        }
    }
}
