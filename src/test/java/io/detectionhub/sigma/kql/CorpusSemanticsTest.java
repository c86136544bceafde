package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.RuleMatch;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.target.ColumnTarget;
import io.detectionhub.sigma.kql.target.FieldMapping;
import io.detectionhub.sigma.kql.target.TableChoice;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.kql.target.ValueTransform;
import io.detectionhub.sigma.model.SigmaRule;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every corpus rule, for every built-in target: events generated from the rule's own values (each selection
 * satisfied, then each of its items taken away or changed, and all selections at once) are evaluated by the
 * evaluation engine, and the same events, written as the rows the target's table holds (the inverse of its field
 * mapping: members of EventData, DOMAIN\\user split, registry key and value name, Defender's registry data, URL
 * parts), are run through the translated query by {@link KqlWhereInterpreter}. Prints the agreement per target and
 * every rule where the two differ with the reason; a difference without a reason fails, and so does a reason whose
 * difference is gone. Generated values are kept to what a real record can hold: a registry path starts with its
 * root, a set registry value has data, a whole URL holds the query its parts have.
 */
class CorpusSemanticsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HASH = Pattern.compile("([A-Za-z0-9]+)=([0-9A-Fa-f]+)");
    private static final Pattern DWORD = Pattern.compile("(?i)DWORD \\(0x([0-9a-f]{8})\\)");

    record Outcome(int rules, int events, Map<String, String> differences) {
    }

    @Test
    void generatedEventsAgreeWithTheEvaluatorOnEveryTarget() {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        List<CorpusTranslation.CorpusRule> corpus = CorpusTranslation.parse(CorpusTranslation.rulePaths(shared));
        KqlTranslator translator = new KqlTranslator();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        int generated = 0;
        for (Target target : TargetRegistry.builtIn().all()) {
            outcomes.put(target.name(), new Outcome(0, 0, new TreeMap<>()));
        }
        int[] counts = new int[outcomes.size() * 2];
        for (CorpusTranslation.CorpusRule c : corpus) {
            if (c.collection().documents().size() != 1 || !(c.collection().documents().get(0) instanceof SigmaRule rule)) {
                continue;
            }
            List<Map<String, Object>> events = events(rule);
            if (events.isEmpty()) {
                continue;
            }
            generated++;
            Set<Integer> engine = evaluate(rule, events);
            int t = 0;
            for (Target target : TargetRegistry.builtIn().all()) {
                Outcome o = outcomes.get(target.name());
                Translation translation;
                try {
                    translation = translator.translate(rule, target, TranslationOptions.PLAIN);
                } catch (UntranslatableRuleException e) {
                    t++;
                    continue;
                }
                String query = translation.query();
                TableChoice choice = chosen(target, rule, translation);
                KqlWhereInterpreter kql = KqlWhereInterpreter.parse(query);
                counts[t * 2]++;
                counts[t * 2 + 1] += events.size();
                for (int i = 0; i < events.size(); i++) {
                    Map<String, String> row = row(events.get(i), choice, rule);
                    boolean selected = kql.selects(row);
                    if (selected != engine.contains(i)) {
                        o.differences().put(c.path().getFileName().toString(), shared.relativize(c.path()) + ": engine "
                                + (engine.contains(i) ? "matches" : "does not match") + ", query "
                                + (selected ? "selects" : "does not select") + "\n    event " + events.get(i)
                                + "\n    row   " + row + "\n    " + query.replace("\n", " "));
                        break;
                    }
                }
                t++;
            }
        }
        System.out.printf("%nGenerated events: %d corpus rules with events generated from their values%n", generated);
        int t = 0;
        Set<String> unexplained = new TreeSet<>();
        Set<String> differing = new TreeSet<>();
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            int rules = counts[t * 2];
            int count = e.getValue().differences().size();
            double rate = rules == 0 ? 0 : 100.0 * (rules - count) / rules;
            System.out.printf("%s: %d translated rules compared on %d events, %d rules differ: agreement %.2f%%%n",
                    e.getKey(), rules, counts[t * 2 + 1], count, rate);
            e.getValue().differences().forEach((rule, detail) -> {
                String key = e.getKey() + " " + rule;
                differing.add(key);
                String reason = EXPLAINED.get(key);
                if (reason == null) {
                    unexplained.add(key);
                }
                System.out.println("  " + (reason == null ? "UNEXPLAINED " + detail : rule + ": " + reason));
            });
            t++;
        }
        Set<String> gone = new TreeSet<>(EXPLAINED.keySet());
        gone.removeAll(differing);
        assertThat(unexplained).as("differences without a reason").isEmpty();
        assertThat(gone).as("explained differences that no longer occur").isEmpty();
    }

    private static final String EMPTY_OR_ABSENT = "the rule compares a field with '' and the generated event has no "
            + "such field: a string column cannot tell an absent field from an empty one (a limit of KQL tables, said "
            + "in the explanation)";
    private static final List<String> LOG_ANALYTICS = List.of("azure-monitor", "sentinel");
    private static final List<String> ALL = List.of("sentinel-asim", "defender-xdr", "azure-monitor", "sentinel");

    /** Target and rule file name of every known difference, with why it is there (docs/kql-targets.md). */
    private static final Map<String, String> EXPLAINED = new TreeMap<>();

    static {
        explain(EMPTY_OR_ABSENT, ALL, "proc_creation_win_apt_unc2452_cmds.yml");
        explain(EMPTY_OR_ABSENT, LOG_ANALYTICS, "create_remote_thread_win_susp_password_dumper_lsass.yml",
                "win_smbclient_security_susp_failed_guest_logon.yml", "win_iis_module_added.yml");
        explain("the rule tests properties.message for a JSON fragment of modified properties where the other corpus "
                + "rules test it for the activity name, AuditLogs' OperationName, which it also tests: no column holds "
                + "both", LOG_ANALYTICS, "azure_guest_to_member.yml");
    }

    private static void explain(String reason, List<String> targets, String... rules) {
        for (String target : targets) {
            for (String rule : rules) {
                EXPLAINED.put(target + " " + rule, reason);
            }
        }
    }

    /** The table choice a translation used (the first one that could express the rule). */
    static TableChoice chosen(Target target, SigmaRule rule, Translation translation) {
        return target.tablesFor(rule.logsource()).stream()
                .filter(c -> c.reason().equals(translation.explanation().tableReason())).findFirst().orElseThrow();
    }

    // ---- events from a rule's values: SampleEvents (main code, also the rule tests' generated starting point) -----

    static List<Map<String, Object>> events(SigmaRule rule) {
        return SampleEvents.fromValues(rule);
    }

    private static Set<Integer> evaluate(SigmaRule rule, List<Map<String, Object>> events) {
        EvaluationEngine engine = EvaluationEngine.compile(List.of(rule), EvaluationOptions.DEFAULT);
        List<Event> parsed = new ArrayList<>();
        byte[] json = JSON.writeValueAsString(events).getBytes(StandardCharsets.UTF_8);
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(json), EventReaderLimits.DEFAULT)) {
            r.forEachRemaining(parsed::add);
        }
        Set<Integer> matched = new HashSet<>();
        for (RuleMatch m : engine.evaluate(parsed, RunOptions.DEFAULT.withLogsourceHint(rule.logsource())).matches()) {
            matched.add((int) m.eventIndex());
        }
        return matched;
    }

    // ---- the row a target's table holds for an event ---------------------------------------------------------------

    static Map<String, String> row(Map<String, Object> event, TableChoice choice, SigmaRule rule) {
        TableMapping table = choice.table();
        Map<String, String> row = new LinkedHashMap<>();
        choice.rule().require().forEach((column, values) -> row.put(column, values.get(0)));
        String eventType = String.valueOf(event.getOrDefault("EventType", ""));
        boolean valueEvent = "registry_set".equals(rule.logsource().category())
                || eventType.equalsIgnoreCase("SetValue") || eventType.equalsIgnoreCase("DeleteValue");
        boolean deleted = "registry_delete".equals(rule.logsource().category()) || eventType.startsWith("Delete");
        Map<String, String[]> url = new LinkedHashMap<>();
        event.forEach((field, raw) -> {
            String value = String.valueOf(raw);
            var resolved = table.resolve(field);
            if (resolved.isEmpty()) {
                row.put(field, value);
                return;
            }
            FieldMapping mapping = resolved.get().mapping();
            if (mapping instanceof FieldMapping.Hashes h) {
                Matcher m = HASH.matcher(value);
                while (m.find()) {
                    String column = h.columnsByAlgorithm().get(m.group(1).toUpperCase(Locale.ROOT));
                    if (column != null) {
                        row.put(column, m.group(2));
                    }
                }
                return;
            }
            if (!(mapping instanceof FieldMapping.Columns columns)) {
                return;
            }
            for (ColumnTarget ct : columns.targets()) {
                String v = value;
                var type = table.columnType(ct.column());
                if (type.isPresent() && type.get().isNumeric() && v.matches("0[xX][0-9a-fA-F]{1,15}")) {
                    // a numeric column holds the number (Defender's LogonId 999 for Sysmon's 0x3e7)
                    v = Long.toString(Long.parseLong(v.substring(2), 16));
                }
                write(row, url, ct, v, valueEvent, deleted);
            }
        });
        // a field read from the whole URL (c-uri) holds the path its URL parts have, and the query they have
        url.forEach((column, parts) -> row.put(column, (parts[0] == null ? row.getOrDefault(column, "") : parts[0])
                + (parts[1] == null || parts[1].isEmpty() ? "" : "?" + parts[1])));
        return row;
    }

    private static void write(Map<String, String> row, Map<String, String[]> url, ColumnTarget ct, String value,
                              boolean valueEvent, boolean deleted) {
        String v = value;
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.ValueMap map) {
                v = map.apply(v).get(0);
            } else if (vt instanceof ValueTransform.ReplacePrefix prefix) {
                v = prefix.apply(v);
            }
        }
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.Basename) {
                v = v.substring(Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/')) + 1);
            } else if (vt instanceof ValueTransform.SplitDomain sd) {
                int slash = v.indexOf('\\');
                if (slash >= 0) {
                    row.put(sd.domainColumn(), v.substring(0, slash));
                    v = v.substring(slash + 1);
                }
            } else if (vt instanceof ValueTransform.RegistryData) {
                Matcher m = DWORD.matcher(v);
                v = m.matches() ? Long.toString(Long.parseLong(m.group(1), 16)) : v.equals("(Empty)") ? "" : v;
            } else if (vt instanceof ValueTransform.UrlPart part) {
                String[] parts = url.computeIfAbsent(ct.column(), k -> new String[2]);
                parts[ValueTransform.UrlPart.PATH.equals(part.part()) ? 0 : 1] = v;
                return;
            } else if (vt instanceof ValueTransform.RegistryPath rp) {
                String key = v;
                String name = "";
                int slash = v.lastIndexOf('\\');
                if (valueEvent && slash > 0) {
                    key = v.substring(0, slash);
                    name = v.substring(slash + 1);
                }
                boolean previous = deleted && rp.previousKeyColumn() != null;
                row.put(previous ? rp.previousKeyColumn() : ct.column(), key);
                row.put(previous && rp.previousValueNameColumn() != null ? rp.previousValueNameColumn()
                        : rp.valueNameColumn(), name);
                return;
            }
        }
        row.put(ct.path(), v);
    }
}
