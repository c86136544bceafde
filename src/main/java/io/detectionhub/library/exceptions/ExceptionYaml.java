package io.detectionhub.library.exceptions;

import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SafeYaml;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.sigma.parser.SigmaValidationException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what a client sends as an exception's YAML into the stored Sigma filter document, or refuses it with the
 * parser's problems (line and path). Accepted:
 * <ul>
 *   <li>a whole filter document ({@code title}, {@code id}, {@code logsource}, {@code filter:} with {@code rules},
 *   search identifiers and {@code condition}): kept byte for byte when nothing is missing;</li>
 *   <li>the same with {@code title}, {@code id}, {@code logsource} or {@code filter.rules} left out: they are filled
 *   in (the rule's logsource, {@code rules: [ruleId]}) and the document is written out again (comments are lost);</li>
 *   <li>only the detection (search identifiers and {@code condition}, as under {@code filter:}): wrapped the same way.</li>
 * </ul>
 * A filter's condition keeps pySigma's meaning (it is AND-ed to the rule's), so an exclusion is written
 * {@code condition: not selection}; a bare detection is taken as written, never negated behind the author's back.
 */
final class ExceptionYaml {

    static final int MAX_YAML = 64 * 1024;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final SigmaParser PARSER = new SigmaParser();

    /** The exception's id, the stored document and its parsed filter. */
    record Normalised(String id, String yaml, SigmaFilter filter) {
    }

    private ExceptionYaml() {
    }

    /**
     * @param rule  the rule the exception belongs to (its id, name and logsource)
     * @param id    the exception's id: the document's {@code id} must be it, or is set to it; null for a new exception
     *              (the document's id when it is a UUID, else a new one)
     * @param title the title to give the document (null: keep the document's; required when it has none)
     * @throws SigmaValidationException when the text is not such a document (its problems, with lines when the text
     *                                  was kept as sent)
     */
    static Normalised normalise(String text, String ruleId, SigmaRule rule, String id, String title) {
        if (text == null || text.isBlank()) {
            throw invalid("'yaml' is missing: give a Sigma filter document, or only its selections and condition",
                    "yaml");
        }
        if (text.length() > MAX_YAML) {
            throw invalid("the YAML is " + text.length() + " characters long, at most " + MAX_YAML + " are allowed",
                    "yaml");
        }
        List<Object> documents;
        try {
            documents = SafeYaml.loadAll(text);
        } catch (IllegalArgumentException e) {
            List<SigmaProblem> problems = PARSER.validate(text);
            throw problems.isEmpty() ? invalid(e.getMessage(), "") : new SigmaValidationException(problems);
        }
        documents = documents.stream().filter(d -> d != null).toList();
        if (documents.size() != 1) {
            throw invalid("an exception is exactly one Sigma filter document, this text holds " + documents.size(),
                    "");
        }
        if (!(documents.get(0) instanceof Map<?, ?> raw)) {
            throw invalid("an exception is a Sigma filter document (a map with 'filter:'), not a "
                    + kind(documents.get(0)), "");
        }
        Map<String, Object> map = copy(raw);
        if (map.containsKey("detection") || map.containsKey("correlation")) {
            throw invalid("this is a Sigma " + (map.containsKey("detection") ? "detection" : "correlation")
                    + " rule, not a filter: put the selections and a condition such as 'not selection' under "
                    + "'filter:' (or send only the selections and the condition)", map.containsKey("detection")
                    ? "detection" : "correlation");
        }
        boolean changed = false;
        if (!map.containsKey("filter")) {
            if (!map.containsKey("condition")) {
                throw invalid("expected a Sigma filter document (with 'filter:') or only its selections and "
                        + "'condition:'; this text has neither 'filter' nor 'condition'", "");
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("filter", map);
            map = document;
            changed = true;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        String givenTitle = title == null || title.isBlank() ? null : title.strip();
        if (givenTitle != null && !givenTitle.equals(map.get("title"))) {
            document.put("title", givenTitle);
            changed = true;
        } else if (map.containsKey("title")) {
            document.put("title", map.get("title"));
        } else {
            throw invalid("'title' is missing: give the exception a title (field 'title' or in the YAML)", "title");
        }
        Object givenId = map.get("id");
        if (id == null) {
            if (givenId != null && !isUuid(String.valueOf(givenId))) {
                throw invalid("'id' must be a UUID (leave it out and one is generated)", "id");
            }
            id = givenId == null ? java.util.UUID.randomUUID().toString() : String.valueOf(givenId);
        }
        if (givenId == null) {
            changed = true;
        } else if (!id.equals(String.valueOf(givenId))) {
            throw invalid("'id' must be this exception's id '" + id + "' (leave it out and it is set)", "id");
        }
        document.put("id", id);
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (!List.of("title", "id", "logsource", "filter").contains(entry.getKey())) {
                document.put(entry.getKey(), entry.getValue());
            }
        }
        if (map.containsKey("logsource")) {
            document.put("logsource", map.get("logsource"));
        } else {
            document.put("logsource", logsource(rule.logsource()));
            changed = true;
        }
        Object filterSection = map.get("filter");
        if (filterSection instanceof Map<?, ?> filterRaw && !filterRaw.containsKey("rules")) {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("rules", List.of(ruleId));
            filter.putAll(copy(filterRaw));
            document.put("filter", filter);
            changed = true;
        } else {
            document.put("filter", filterSection);
        }
        String yaml = changed ? dump(document) : text;
        SigmaCollection collection = PARSER.parse(yaml);
        if (collection.documents().size() != 1 || collection.filters().size() != 1) {
            throw invalid("an exception is exactly one Sigma filter document", "");
        }
        SigmaFilter filter = collection.filters().get(0);
        String name = rule.metadata().name();
        for (String reference : filter.rules()) {
            if (!reference.equals(ruleId) && !reference.equals(name)) {
                throw invalid("an exception belongs to its rule only: 'rules' must name '" + ruleId + "'"
                        + (name == null ? "" : " (or its name '" + name + "')") + ", not '" + reference + "'",
                        "filter.rules");
            }
        }
        if (!filter.logsource().covers(rule.logsource())) {
            throw invalid("the logsource " + filter.logsource() + " does not cover the rule's logsource "
                    + rule.logsource() + ", so the exception would never apply: leave 'logsource' out to use the "
                    + "rule's", "logsource");
        }
        return new Normalised(id, yaml, filter);
    }

    private static Map<String, Object> logsource(LogSource source) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (source.category() != null) {
            map.put("category", source.category());
        }
        if (source.product() != null) {
            map.put("product", source.product());
        }
        if (source.service() != null) {
            map.put("service", source.service());
        }
        return map;
    }

    static String dump(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(4);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        options.setDereferenceAliases(true);
        return new Yaml(options).dump(document);
    }

    private static Map<String, Object> copy(Map<?, ?> raw) {
        Map<String, Object> map = new LinkedHashMap<>();
        // SnakeYAML reads an unquoted 2024-01-02 as a timestamp; Sigma dates are plain dates, so write them back so
        raw.forEach((k, v) -> map.put(String.valueOf(k), v instanceof java.util.Date date
                ? date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString() : v));
        return map;
    }

    private static String kind(Object value) {
        return value instanceof List<?> ? "list" : "single value";
    }

    static SigmaValidationException invalid(String message, String path) {
        return new SigmaValidationException(new SigmaProblem(message, 0, 0, path));
    }

    static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }
}
