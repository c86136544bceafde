package io.detectionhub.sigma.exceptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

import io.detectionhub.sigma.evaluation.FieldMatch;
import io.detectionhub.sigma.evaluation.FieldNameMapping;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.UntranslatableRuleException;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A tuning exception drafted from one matched event ("suppress matches like this"): a Sigma filter document for the
 * rule whose selection holds the event's exact values of the fields the rule matched on, plus the event's host,
 * parent process and user when it has them ({@link #CONTEXT_FIELDS}), so the exception is as narrow as the event.
 * <p>
 * Values are written so that they match literally: Sigma's wildcards {@code *} and {@code ?} are escaped, and so is a
 * backslash where Sigma would read it as an escape; numbers and booleans of the event stay numbers and booleans.
 * Comparison is Sigma's plain equality (case-insensitive), so the exception also suppresses the same event with other
 * letter case. A field the rule matched with several different values of the event (an array, {@code |all}) is
 * written with {@code |all}, so every one of them must be there. Keyword matches (no field) become a {@code keywords}
 * list (a keyword holds when some string of the event contains it). Fields matched only by being absent or null are
 * left out: they say nothing about which event it was.
 * <p>
 * A Sysmon {@code Hashes} value is written as the hashes in it ({@code Hashes|contains: 'SHA256=...'}, the
 * algorithms the rule matched on), because targets keep each hash in its own column.
 * <p>
 * A value is kept only where it can be translated: it is left out (and named in the description) when some
 * built-in target (or one of the targets given) translates the rule but would refuse the exception with it, so that
 * the exception applies in the KQL of every target that has the rule. Sentinel ASIM, for one, has no column for
 * Sysmon's {@code Computer} (its {@code DvcHostname} holds the short host name, not the FQDN, so mapping one to the
 * other would not be exact), and Defender's parent process column holds only a file name, not a whole path.
 */
public final class ExceptionDraft {

    /**
     * Context fields, by kind (host, parent process, user): the first Sigma field of each kind that the event has
     * (through the field name mapping when the events use another schema) is added, unless the rule already matched
     * on it. Sysmon/Windows names first, then the Defender XDR and generic names events exported from other tools
     * use.
     */
    public static final List<List<String>> CONTEXT_FIELDS = List.of(
            List.of("Computer", "ComputerName", "Hostname", "DeviceName"),
            List.of("ParentImage", "InitiatingProcessFileName"),
            List.of("User", "SubjectUserName", "AccountName"));

    private static final String HASHES = "Hashes";
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9])([A-Za-z0-9]+)=([0-9A-Fa-f]{16,})(?![0-9A-Fa-f])");

    /** Characters of a value kept in a draft at most (a longer one is not a good exception value). */
    static final int MAX_VALUE_CHARS = 4096;

    /**
     * A drafted filter document: a title for it, the selection as written in the YAML (field, with {@code |all} when
     * it lists several values, to the escaped Sigma value), and the whole document.
     */
    public record Draft(String title, Map<String, Object> selection, String yaml) {
        public Draft {
            selection = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selection));
        }
    }

    private ExceptionDraft() {
    }

    /** A draft from an event read by the evaluation, with Sigma field names, checked on the built-in targets. */
    public static Draft fromEvent(SigmaRule rule, Event event, List<FieldMatch> matched) {
        return fromEvent(rule, event, matched, FieldNameMapping.IDENTITY, TargetRegistry.builtIn().all());
    }

    /** A draft from an event as a map (as JSON would give it: maps, lists, strings, numbers, booleans, null). */
    public static Draft fromEvent(SigmaRule rule, Map<String, ?> event, List<FieldMatch> matched) {
        return fromEvent(rule, toEvent(event), matched);
    }

    /**
     * A draft from an event of another schema ({@code mapping}: where Sigma fields are in it), keeping only the
     * values that every one of {@code targets} that translates the rule can translate (null: no check).
     *
     * @throws IllegalArgumentException when the match names no value an exception can be written with
     */
    public static Draft fromEvent(SigmaRule rule, Event event, List<FieldMatch> matched, FieldNameMapping mapping,
                                  Collection<Target> targets) {
        if (rule == null || event == null) {
            throw new IllegalArgumentException("a rule and an event are needed for an exception");
        }
        FieldNameMapping names = mapping == null ? FieldNameMapping.IDENTITY : mapping;
        Map<String, Set<Object>> fields = new LinkedHashMap<>();
        Set<String> keywords = new LinkedHashSet<>();
        Map<String, Object> selection = new LinkedHashMap<>();
        for (FieldMatch m : matched == null ? List.<FieldMatch>of() : matched) {
            if (m.value() == null || m.value().length() > MAX_VALUE_CHARS) {
                continue;
            }
            if (m.field() == null) {
                keywords.add(escape(m.value()));
            } else if (m.field().equalsIgnoreCase(HASHES) && !hashes(m).isEmpty()) {
                List<Object> hashes = hashes(m);
                selection.put(m.field() + (hashes.size() == 1 ? "|contains" : "|contains|all"),
                        hashes.size() == 1 ? hashes.get(0) : hashes);
            } else {
                fields.computeIfAbsent(m.field(), k -> new LinkedHashSet<>())
                        .add(typed(m.value(), eventValue(event, names, rule.logsource(), m.field(), m.value())));
            }
        }
        fields.forEach((field, values) -> {
            if (values.size() == 1) {
                selection.put(field, values.iterator().next());
            } else {
                selection.put(field + "|all", List.copyOf(values));
            }
        });
        Set<String> matchedFields = new LinkedHashSet<>(fields.keySet());
        selection.keySet().forEach(k -> matchedFields.add(k.split("\\|")[0]));
        Map<String, Object> all = new LinkedHashMap<>(selection);
        all.putAll(context(rule, event, names, matchedFields));
        if (all.isEmpty() && keywords.isEmpty()) {
            throw new IllegalArgumentException("the match names no field value of the event to write an exception "
                    + "with (no search of the rule was true, or only through absent or null fields)");
        }
        String id = UUID.randomUUID().toString();
        Draft draft = draft(rule, id, title(rule, all), all, keywords, Map.of());
        List<Target> translating = targets == null ? List.of() : translating(rule, targets);
        List<Target> refusing = refusing(rule, draft, translating);
        if (!refusing.isEmpty()) {
            // some target cannot express one of the values for the rule's table (a context field it has no column
            // for, a whole path on a column of file names): keep those every target can, and say which were left out
            // (the targets that took the whole draft take each part of it: only the others are asked)
            Map<String, Object> kept = new LinkedHashMap<>();
            Map<String, Object> left = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : all.entrySet()) {
                Draft only = draft(rule, id, "t", Map.of(e.getKey(), e.getValue()), Set.of(), Map.of());
                (refusing(rule, only, refusing).isEmpty() ? kept : left).put(e.getKey(), e.getValue());
            }
            Set<String> keptKeywords = keywords.isEmpty()
                    || refusing(rule, draft(rule, id, "t", Map.of(), keywords, Map.of()), refusing).isEmpty()
                    ? keywords : Set.of();
            if (keptKeywords.isEmpty() && !keywords.isEmpty()) {
                left.put("keywords", List.copyOf(keywords));
            }
            if (kept.isEmpty() && keptKeywords.isEmpty()) {
                throw new IllegalArgumentException("the match names no field value of the event that every target "
                        + "can translate" + (selection.isEmpty() ? " (no search of the rule was true: it matched by "
                        + "what the event lacks, so only context fields were there)" : ""));
            }
            draft = draft(rule, id, title(rule, kept), kept, keptKeywords, left);
            if (!refusing(rule, draft, translating).isEmpty()) {
                throw new IllegalArgumentException("the values of the event that each target can translate cannot "
                        + "be translated together");
            }
        }
        return draft;
    }

    /**
     * {@code text} as a Sigma value that matches exactly it: {@code *} and {@code ?} escaped, a backslash doubled
     * where Sigma would read it as an escape (before {@code *}, {@code ?} or another backslash, and at the end), so
     * a Windows path keeps its single backslashes.
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                sb.append('\\').append(c);
            } else if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : '\\';
                sb.append(next == '\\' || next == '*' || next == '?' ? "\\\\" : "\\");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- the event's values ----------------------------------------------------------------------------------------

    /** The event value a match names (read again to know whether it is a number or a boolean). */
    private static EventValue eventValue(Event event, FieldNameMapping names, LogSource logsource, String field,
                                         String text) {
        for (String key : eventFields(names, logsource, field)) {
            for (EventValue v : event.values(EventBuilder.key(key))) {
                if (!v.isNull() && text.equals(v.text())) {
                    return v;
                }
            }
        }
        return null;
    }

    /** A number or boolean of the event as a YAML number or boolean; anything else as an escaped string. */
    private static Object typed(String text, EventValue value) {
        if (value != null && value.kind() == EventValue.Kind.BOOLEAN) {
            return Boolean.parseBoolean(text);
        }
        if (value != null && value.kind() == EventValue.Kind.NUMBER && text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (value != null && value.kind() == EventValue.Kind.NUMBER && text.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(text);
        }
        return escape(text);
    }

    private static List<String> eventFields(FieldNameMapping names, LogSource logsource, String field) {
        LinkedHashSet<String> keys = new LinkedHashSet<>(names.eventFieldsFor(
                logsource == null ? LogSource.EMPTY : logsource, field));
        keys.add(field);
        return List.copyOf(keys);
    }

    /** The first context field of each kind the event has a (non-empty) value for, as escaped Sigma values. */
    private static Map<String, Object> context(SigmaRule rule, Event event, FieldNameMapping names,
                                               Set<String> matchedFields) {
        Map<String, Object> context = new LinkedHashMap<>();
        for (List<String> kind : CONTEXT_FIELDS) {
            if (kind.stream().anyMatch(f -> matchedFields.stream().anyMatch(f::equalsIgnoreCase))) {
                continue;
            }
            field:
            for (String field : kind) {
                for (String key : eventFields(names, rule.logsource(), field)) {
                    List<EventValue> values = event.values(EventBuilder.key(key));
                    if (values.size() == 1 && !values.get(0).isNull() && !values.get(0).text().isBlank()
                            && values.get(0).text().length() <= MAX_VALUE_CHARS) {
                        context.put(field, typed(values.get(0).text(), values.get(0)));
                        break field;
                    }
                }
            }
        }
        return context;
    }

    private static String title(SigmaRule rule, Map<String, Object> fields) {
        String host = hostOf(fields);
        return "Exception to " + (rule.metadata().title() == null ? "rule" : rule.metadata().title())
                + (host == null ? "" : " on " + host);
    }

    /**
     * The hashes of a Sysmon {@code Hashes} value ({@code SHA1=..,MD5=..,SHA256=..}) the rule matched on, each
     * {@code ALGORITHM=hex}: those of the algorithms the rule's pattern names, else all of them. Targets keep each
     * hash in its own column, so the whole value cannot be compared there, while each hash identifies the file as
     * exactly.
     */
    private static List<Object> hashes(FieldMatch m) {
        List<String> all = new ArrayList<>();
        java.util.regex.Matcher h = HASH.matcher(m.value());
        while (h.find()) {
            all.add(h.group(1).toUpperCase(java.util.Locale.ROOT) + "=" + h.group(2));
        }
        String pattern = m.pattern() == null ? "" : m.pattern().toUpperCase(java.util.Locale.ROOT);
        List<Object> named = new ArrayList<>();
        for (String hash : all) {
            if (pattern.contains(hash.substring(0, hash.indexOf('=') + 1))) {
                named.add(hash);
            }
        }
        return named.isEmpty() ? List.copyOf(all) : named;
    }

    private static String hostOf(Map<String, Object> fields) {
        for (String host : CONTEXT_FIELDS.get(0)) {
            Object v = fields.get(host);
            if (v != null) {
                return String.valueOf(v);
            }
        }
        return null;
    }

    // ---- the document ----------------------------------------------------------------------------------------------

    /** {@code left}: context fields of the event left out because a target cannot translate them (said). */
    private static Draft draft(SigmaRule rule, String id, String title, Map<String, Object> selection,
                               Set<String> keywords, Map<String, Object> left) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", title);
        doc.put("id", id);
        StringBuilder description = new StringBuilder("Suppresses matches of the rule on events with these exact "
                + "values (drafted from a matched event).");
        if (!left.isEmpty()) {
            description.append(" Left out because a target cannot translate them for this rule's table: ");
            description.append(String.join(", ", left.entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue()).toList())).append('.');
        }
        doc.put("description", description.toString());
        LogSource ls = rule.logsource() == null ? LogSource.EMPTY : rule.logsource();
        Map<String, Object> logsource = new LinkedHashMap<>();
        putIfPresent(logsource, "category", ls.category());
        putIfPresent(logsource, "product", ls.product());
        putIfPresent(logsource, "service", ls.service());
        doc.put("logsource", logsource);
        Map<String, Object> filter = new LinkedHashMap<>();
        String ref = rule.metadata().id() != null ? rule.metadata().id() : rule.metadata().name();
        if (ref == null) {
            throw new IllegalArgumentException("the rule has neither an id nor a name for an exception to refer to");
        }
        filter.put("rules", List.of(ref));
        List<String> parts = new ArrayList<>();
        if (!selection.isEmpty()) {
            filter.put("selection", selection);
            parts.add("selection");
        }
        if (!keywords.isEmpty()) {
            filter.put("keywords", List.copyOf(keywords));
            parts.add("keywords");
        }
        filter.put("condition", parts.size() == 1 ? "not " + parts.get(0) : "not (" + String.join(" and ", parts)
                + ")");
        doc.put("filter", filter);
        return new Draft(title, selection, yaml().dump(quoted(doc)));
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A string value written quoted (keys are written plain where YAML allows). */
    private record Quoted(String text) {
    }

    /** The document with every string value (not key) marked to be quoted. */
    private static Object quoted(Object value) {
        if (value instanceof String text) {
            return new Quoted(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, quoted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ExceptionDraft::quoted).toList();
        }
        return value;
    }

    /**
     * Block style, every string value quoted (single quotes; double quotes where a character needs an escape), so
     * that no value is read as another type or as YAML syntax.
     */
    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(4);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        Representer representer = new Representer(options) {
            {
                this.representers.put(Quoted.class, data -> representScalar(org.yaml.snakeyaml.nodes.Tag.STR,
                        ((Quoted) data).text(), DumperOptions.ScalarStyle.SINGLE_QUOTED));
            }
        };
        return new Yaml(representer, options);
    }

    // ---- checks ----------------------------------------------------------------------------------------------------

    /** The targets that translate the rule alone (those an exception must not make refuse it). */
    private static List<Target> translating(SigmaRule rule, Collection<Target> targets) {
        KqlTranslator translator = new KqlTranslator();
        List<Target> out = new ArrayList<>();
        for (Target target : targets) {
            try {
                translator.translate(rule, target, TranslationOptions.PLAIN);
                out.add(target);
            } catch (UntranslatableRuleException e) {
                // the rule has no query there: the exception cannot take one away
            }
        }
        return out;
    }

    /** Those of {@code targets} (which translate the rule alone) that refuse it with the draft applied. */
    private static List<Target> refusing(SigmaRule rule, Draft draft, List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        SigmaFilter filter = new SigmaParser().parse(draft.yaml()).filters().get(0);
        KqlTranslator translator = new KqlTranslator();
        List<Target> out = new ArrayList<>();
        for (Target target : targets) {
            try {
                translator.translate(rule, List.of(filter), target, TranslationOptions.PLAIN);
            } catch (UntranslatableRuleException e) {
                out.add(target);
            }
        }
        return out;
    }

    /** A map event as the JSON reader reads it (so nested objects and Windows event shapes mean the same). */
    static Event toEvent(Map<String, ?> event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
            write(g, event);
        }
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(out.toByteArray()),
                EventReaderLimits.DEFAULT)) {
            if (!r.hasNext()) {
                throw new IllegalArgumentException("the event is empty");
            }
            return r.next();
        }
    }

    private static void write(JsonGenerator g, Object value) {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value == null) {
            g.writeNull();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Number n) {
            g.writeNumber(new BigDecimal(n.toString()));
        } else {
            g.writeString(String.valueOf(value));
        }
    }
}
