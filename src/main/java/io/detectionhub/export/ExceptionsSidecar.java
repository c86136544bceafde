package io.detectionhub.export;

import io.detectionhub.library.exceptions.ExceptionRequest;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.sigma.parser.SafeYaml;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export's {@code <rule path>.exceptions.yml}: a rule's tuning exceptions as a YAML list, oldest first, each entry
 * the exception's {@code id}, {@code title}, {@code reason}, {@code expires} (absent: never), {@code ticket},
 * {@code author} (who wrote it; the import records the importer as the author of what it creates) and {@code yaml}:
 * the whole Sigma filter document, byte for byte. The import ({@code POST /api/imports}) reads it back: an exception
 * with the same id is replaced when it differs, others are created.
 */
public final class ExceptionsSidecar {

    /** Suffix of the sidecar beside {@code <rule path>.yml}. */
    public static final String SUFFIX = ".exceptions.yml";

    /** Exceptions in one sidecar at most (a rule's own limit). */
    static final int MAX_ENTRIES = 200;

    /** One exception as read back: its id and what to create or replace it with. */
    public record Entry(String id, ExceptionRequest request) {
    }

    /** The entries read and one problem per entry that could not be. */
    public record Read(List<Entry> entries, List<String> problems) {
        public Read {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    private ExceptionsSidecar() {
    }

    public static String write(String ruleId, List<RuleException> exceptions) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (RuleException e : exceptions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("title", e.title());
            m.put("reason", e.reason());
            if (e.expires() != null) {
                m.put("expires", e.expires().toString());
            }
            if (e.ticket() != null) {
                m.put("ticket", e.ticket());
            }
            if (e.author() != null) {
                m.put("author", e.author());
            }
            m.put("yaml", e.yaml());
            entries.add(m);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        options.setSplitLines(false);
        return "# Tuning exceptions of rule " + ruleId + " (Detection Hub export): each entry's yaml is a Sigma "
                + "filter document.\n" + new Yaml(new BlockText(options), options).dump(entries);
    }

    public static Read read(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Object root;
        try {
            List<Object> documents = SafeYaml.loadAll(text);
            root = documents.isEmpty() ? List.of() : documents.get(0);
        } catch (IllegalArgumentException e) {
            return new Read(entries, List.of("not YAML: " + e.getMessage()));
        }
        if (!(root instanceof List<?> list)) {
            return new Read(entries, List.of("not a YAML list of exceptions"));
        }
        if (list.size() > MAX_ENTRIES) {
            return new Read(entries, List.of("more than " + MAX_ENTRIES + " exceptions"));
        }
        int n = 0;
        for (Object item : list) {
            n++;
            if (!(item instanceof Map<?, ?> m) || !(m.get("yaml") instanceof String yaml)) {
                problems.add("exception #" + n + ": an entry needs 'yaml', the filter document");
                continue;
            }
            LocalDate expires = null;
            if (m.get("expires") != null) {
                try {
                    expires = LocalDate.parse(String.valueOf(m.get("expires")));
                } catch (DateTimeParseException e) {
                    problems.add("exception #" + n + ": 'expires' is not a date (YYYY-MM-DD)");
                    continue;
                }
            }
            entries.add(new Entry(text(m.get("id")), new ExceptionRequest(yaml, text(m.get("title")),
                    text(m.get("reason")), expires, text(m.get("ticket")))));
        }
        return new Read(entries, problems);
    }

    /** Multi-line text (the filter documents) as literal blocks, readable in a diff; the rest plain. */
    private static final class BlockText extends Representer {
        BlockText(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                return representScalar(Tag.STR, s, s.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : defaultScalarStyle);
            });
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
