package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;

/**
 * Parses Sigma YAML (detection rules, correlation rules, filters; one or more {@code ---} separated documents) into
 * the immutable model, reporting every problem found with its line and column. Stateless and thread-safe: one
 * instance can be shared.
 */
public final class SigmaParser {

    private static final Set<String> RULE_SECTIONS = Set.of("logsource", "detection");
    private static final Set<String> CORRELATION_SECTIONS = Set.of("correlation", "generate");
    private static final Set<String> FILTER_SECTIONS = Set.of("logsource", "filter");

    /**
     * Parses every document of {@code yaml}.
     *
     * @throws SigmaValidationException listing all problems, in document order, when any document is invalid
     */
    public SigmaCollection parse(String yaml) {
        return parse(yaml, false);
    }

    /**
     * Parses a text that is to be evaluated on its own (a pasted rule), so every rule or correlation its correlations
     * refer to (by id or name) must be in it; filters may name rules that are not.
     *
     * @throws SigmaValidationException listing all problems, an unknown reference at its place in the text
     */
    public SigmaCollection parseSelfContained(String yaml) {
        return parse(yaml, true);
    }

    private SigmaCollection parse(String yaml, boolean selfContained) {
        Problems problems = new Problems();
        List<Node> nodes = YamlDocuments.compose(yaml, problems);
        if (nodes.isEmpty() && problems.isEmpty()) {
            problems.add(0, 0, "", "the text contains no YAML document");
        }
        List<SigmaDocument> documents = new ArrayList<>();
        for (Node node : nodes) {
            read(node, problems).ifPresent(documents::add);
        }
        if (selfContained && problems.isEmpty()) {
            checkCorrelationReferences(nodes, documents, problems);
        }
        problems.throwIfAny();
        return new SigmaCollection(documents);
    }

    /** Reports each entry of a correlation's {@code rules} that names no other document of the text. */
    private static void checkCorrelationReferences(List<Node> nodes, List<SigmaDocument> documents,
                                                   Problems problems) {
        for (int d = 0; d < documents.size(); d++) {
            if (!(documents.get(d) instanceof SigmaCorrelation correlation)) {
                continue;
            }
            Node rules = rulesNode((MappingNode) nodes.get(d));
            for (int i = 0; i < correlation.rules().size(); i++) {
                String ref = correlation.rules().get(i);
                boolean known = documents.stream().anyMatch(other -> other != correlation
                        && (ref.equals(other.metadata().id()) || ref.equals(other.metadata().name())));
                if (!known) {
                    boolean list = rules instanceof SequenceNode;
                    problems.add(list ? ((SequenceNode) rules).getValue().get(i) : rules,
                            list ? Paths.index("correlation.rules", i) : "correlation.rules", "'" + ref
                                    + "' names no rule or correlation in this text: a text evaluated on its own "
                                    + "must hold every rule its correlations refer to");
                }
            }
        }
    }

    /** The node of a (valid) correlation document's {@code correlation.rules}. */
    private static Node rulesNode(MappingNode document) {
        Problems none = new Problems();
        MappingNode correlation = (MappingNode) YamlNodes.entries(document, "", none).get("correlation").value();
        return YamlNodes.entries(correlation, "correlation", none).get("rules").value();
    }

    /** The problems of {@code yaml}, in document order; empty when it parses. */
    public List<SigmaProblem> validate(String yaml) {
        try {
            parse(yaml);
            return List.of();
        } catch (SigmaValidationException e) {
            return e.problems();
        }
    }

    /**
     * Parses a text that holds exactly one detection rule.
     *
     * @throws SigmaValidationException when the text is invalid or is not a single detection rule
     */
    public SigmaRule parseRule(String yaml) {
        SigmaCollection collection = parse(yaml);
        if (collection.documents().size() != 1 || collection.rules().size() != 1) {
            throw new SigmaValidationException(new SigmaProblem("expected exactly one detection rule, found "
                    + describe(collection), 0, 0, ""));
        }
        return collection.rules().get(0);
    }

    private static String describe(SigmaCollection collection) {
        return collection.rules().size() + " rule(s), " + collection.correlations().size() + " correlation(s) and "
                + collection.filters().size() + " filter(s)";
    }

    private Optional<SigmaDocument> read(Node node, Problems problems) {
        if (!(node instanceof MappingNode document)) {
            problems.add(node, "", "a Sigma document must be a map of attributes (title, logsource, detection...), "
                    + "not a " + YamlNodes.kind(node));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, YamlNodes.Entry> entries = YamlNodes.entries(document, "", problems);
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("detection", "correlation", "filter")) {
            if (entries.containsKey(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.size() > 1) {
            problems.add(document, "", "a document has one of 'detection', 'correlation' or 'filter', but this one "
                    + "has " + String.join(" and ", kinds) + "; put them in separate YAML documents (---)");
            return Optional.empty();
        }
        if (kinds.isEmpty()) {
            problems.add(document, "", "not a Sigma document: a rule needs a 'detection' section (a correlation rule "
                    + "a 'correlation' section, a filter a 'filter' section)");
            new MetadataReader(problems).read(document, entries, Set.of("logsource"));
            return Optional.empty();
        }
        MetadataReader metadataReader = new MetadataReader(problems);
        Optional<? extends SigmaDocument> result = switch (kinds.get(0)) {
            case "detection" -> readRule(document, entries, metadataReader, problems);
            case "correlation" -> new CorrelationReader(problems).read(
                    metadataReader.read(document, entries, CORRELATION_SECTIONS), entries, entries.get("correlation"));
            default -> readFilter(document, entries, metadataReader, problems);
        };
        return problems.size() > before ? Optional.empty() : result.map(SigmaDocument.class::cast);
    }

    private Optional<SigmaRule> readRule(MappingNode document, Map<String, YamlNodes.Entry> entries,
                                         MetadataReader metadataReader, Problems problems) {
        RuleMetadata metadata = metadataReader.read(document, entries, RULE_SECTIONS);
        LogSource logSource = metadataReader.logSource(document, entries, true);
        YamlNodes.Entry section = entries.get("detection");
        if (!(section.value() instanceof MappingNode map)) {
            problems.add(section.value(), "detection", "'detection' must be a map of search identifiers and a "
                    + "condition, not a " + YamlNodes.kind(section.value()));
            return Optional.empty();
        }
        return new DetectionReader(problems).read(map, "detection", Set.of())
                .map(detection -> new SigmaRule(metadata, logSource, detection));
    }

    private Optional<SigmaFilter> readFilter(MappingNode document, Map<String, YamlNodes.Entry> entries,
                                             MetadataReader metadataReader, Problems problems) {
        RuleMetadata metadata = metadataReader.read(document, entries, FILTER_SECTIONS);
        LogSource logSource = metadataReader.logSource(document, entries, true);
        YamlNodes.Entry section = entries.get("filter");
        if (!(section.value() instanceof MappingNode map)) {
            problems.add(section.value(), "filter", "'filter' must be a map with 'rules', search identifiers and a "
                    + "condition, not a " + YamlNodes.kind(section.value()));
            return Optional.empty();
        }
        Map<String, YamlNodes.Entry> filterEntries = YamlNodes.entries(map, "filter", problems);
        List<String> rules = filterRules(map, filterEntries.get("rules"), problems);
        Optional<Detection> detection = new DetectionReader(problems).read(map, "filter", Set.of("rules"));
        return detection.map(d -> new SigmaFilter(metadata, logSource, rules, d));
    }

    private static List<String> filterRules(MappingNode map, YamlNodes.Entry entry, Problems problems) {
        List<String> rules = new ArrayList<>();
        if (entry == null || YamlNodes.isNull(entry.value())) {
            problems.add(entry == null ? map : entry.value(), "filter.rules", "'rules' is missing: name the rules "
                    + "(ids or names) the filter applies to");
            return rules;
        }
        if (entry.value() instanceof ScalarNode scalar) {
            rules.add(scalar.getValue());
            return rules;
        }
        if (!(entry.value() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(entry.value(), "filter.rules", "'rules' must be a rule id or name, or a non-empty list of "
                    + "them");
            return rules;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (item instanceof ScalarNode s && !YamlNodes.isNull(s)) {
                rules.add(s.getValue());
            } else {
                problems.add(item, Paths.index("filter.rules", i), "each entry of 'rules' must be a rule id or name");
            }
        }
        return rules;
    }
}
