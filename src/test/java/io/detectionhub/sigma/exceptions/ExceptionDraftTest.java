package io.detectionhub.sigma.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.EvaluationResult;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;

/**
 * A draft from a matched event parses back as a filter of the rule, suppresses that event and only events with the
 * same values (wildcards, backslashes, quotes and YAML syntax in values are literal), adds the host, parent and user
 * context, and translates for every built-in target.
 */
class ExceptionDraftTest {

    private static final SigmaParser PARSER = new SigmaParser();

    private static final String RULE = """
            title: Suspicious certutil
            id: 77777777-7777-4777-8777-777777777777
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\certutil.exe'
                    CommandLine|contains: ['-urlcache', '-decode']
                condition: selection
            """;

    private static Event event(String json) {
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                EventReaderLimits.DEFAULT)) {
            return r.next();
        }
    }

    private static EvaluationResult evaluate(String yaml, List<Event> events) {
        return EvaluationEngine.compile(PARSER.parse(yaml), EvaluationOptions.DEFAULT).evaluate(events,
                RunOptions.DEFAULT);
    }

    /** The draft of the rule's first match on {@code json}, checked to parse back as a filter of the rule. */
    private static ExceptionDraft.Draft draft(String ruleYaml, String json) {
        SigmaRule rule = PARSER.parseRule(ruleYaml);
        Event e = event(json);
        EvaluationResult r = evaluate(ruleYaml, List.of(e));
        assertThat(r.matches()).as("the rule matches the event").hasSize(1);
        ExceptionDraft.Draft d = ExceptionDraft.fromEvent(rule, e, r.matches().get(0).matchedFields());
        SigmaCollection parsed = PARSER.parse(d.yaml());
        assertThat(parsed.filters()).as(d.yaml()).hasSize(1);
        SigmaFilter f = parsed.filters().get(0);
        assertThat(f.rules()).containsExactly(rule.metadata().id());
        assertThat(f.logsource()).isEqualTo(rule.logsource());
        assertThat(f.metadata().title()).isEqualTo(d.title());
        assertThat(f.metadata().id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(PARSER.validate(d.yaml())).as(d.yaml()).isEmpty();
        return d;
    }

    /** Evaluates the rule with the draft applied: which events match, which are suppressed. */
    private static EvaluationResult withDraft(String ruleYaml, ExceptionDraft.Draft d, String... json) {
        List<Event> events = new ArrayList<>();
        for (String j : json) {
            events.add(event(j));
        }
        return evaluate(ruleYaml + "---\n" + d.yaml(), events);
    }

    @Test
    void theDraftSuppressesTheEventAndNotOthers() {
        String matched = """
                {"Image": "C:\\\\Windows\\\\System32\\\\certutil.exe", "CommandLine": "certutil -urlcache -f http://a/b",
                 "ParentImage": "C:\\\\Program Files\\\\Agent\\\\agent.exe", "Computer": "BUILD01.corp",
                 "User": "CORP\\\\svc_build", "ProcessId": 4242}""";
        ExceptionDraft.Draft d = draft(RULE, matched);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Image", "C:\\Windows\\System32\\certutil.exe");
        expected.put("CommandLine", "certutil -urlcache -f http://a/b");
        expected.put("ParentImage", "C:\\Program Files\\Agent\\agent.exe");
        expected.put("User", "CORP\\svc_build");
        // Sentinel ASIM has no column for Computer on process events: the host is left out, and said
        assertThat(d.selection()).containsExactlyEntriesOf(expected);
        assertThat(d.title()).isEqualTo("Exception to Suspicious certutil");
        assertThat(PARSER.parse(d.yaml()).filters().get(0).metadata().description()).endsWith("Left out because a "
                + "target cannot translate them for this rule's table: Computer = BUILD01.corp.");
        assertThat(d.yaml()).contains("condition: 'not selection'").contains("Image: 'C:\\Windows\\System32\\certutil.exe'");

        String otherParent = matched.replace("Agent\\\\agent.exe", "Agent\\\\other.exe");
        String otherCommand = matched.replace("http://a/b", "http://a/c");
        EvaluationResult r = withDraft(RULE, d, matched, otherParent, otherCommand);
        assertThat(r.suppressed()).extracting(s -> s.eventIndex()).containsExactly(0L);
        assertThat(r.suppressed().get(0).filterTitle()).isEqualTo(d.title());
        assertThat(r.matches()).extracting(m -> m.eventIndex()).containsExactly(1L, 2L);
    }

    @Test
    void wildcardsBackslashesAndYamlSyntaxInValuesMatchLiterally() {
        String rule = """
                title: Any command
                id: 88888888-8888-4888-8888-888888888888
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        CommandLine|contains: 'run'
                    condition: selection
                """;
        String hostile = "run * ? \\\\* \\\\\\\\server\\\\share\\\\ 'q' \\\"d\\\" : # & ! | %x% {a: b} [c] \\\\";
        String json = "{\"CommandLine\": \"" + hostile + "\"}";
        ExceptionDraft.Draft d = draft(rule, json);
        String value = event(json).values("commandline").get(0).text();
        assertThat(d.selection().get("CommandLine")).isEqualTo(ExceptionDraft.escape(value));
        // the same text is suppressed; a text the unescaped wildcards would have matched is not
        String wider = "{\"CommandLine\": \"run X Y \\\\Z \\\\\\\\server\\\\share\\\\ 'q' \\\"d\\\" : # & ! | %x% {a: b} [c] \\\\\"}";
        EvaluationResult r = withDraft(rule, d, json, wider);
        assertThat(r.suppressed()).extracting(s -> s.eventIndex()).containsExactly(0L);
        assertThat(r.matches()).extracting(m -> m.eventIndex()).containsExactly(1L);
    }

    @Test
    void controlCharactersAndLineBreaksSurviveTheYaml() {
        String rule = """
                title: Any command
                id: dddddddd-dddd-4ddd-8ddd-dddddddddddd
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        CommandLine|contains: 'run'
                    condition: selection
                """;
        String json = "{\"CommandLine\": \"run\\u0000a\\tb\\r\\nc\\u0085d\\u2028e\\u001bf\\ud83d\\ude00 \\\"x\\\" '\"}";
        ExceptionDraft.Draft d = draft(rule, json);
        String value = event(json).values("commandline").get(0).text();
        SigmaFilter f = PARSER.parse(d.yaml()).filters().get(0);
        assertThat(f.detection().identifier("selection").maps().get(0).items().get(0).values().get(0).asText())
                .isEqualTo(value);
        EvaluationResult r = withDraft(rule, d, json, json.replace("c\\u0085d", "cd"));
        assertThat(r.suppressed()).extracting(s -> s.eventIndex()).containsExactly(0L);
        assertThat(r.matches()).extracting(m -> m.eventIndex()).containsExactly(1L);
    }

    @Test
    void escapeKeepsWindowsPathsReadable() {
        assertThat(ExceptionDraft.escape("C:\\Windows\\cmd.exe")).isEqualTo("C:\\Windows\\cmd.exe");
        assertThat(ExceptionDraft.escape("\\\\srv\\share")).isEqualTo("\\\\\\srv\\share");
        assertThat(ExceptionDraft.escape("a*b?c")).isEqualTo("a\\*b\\?c");
        assertThat(ExceptionDraft.escape("dir\\*")).isEqualTo("dir\\\\\\*");
        assertThat(ExceptionDraft.escape("end\\")).isEqualTo("end\\\\");
    }

    @Test
    void numbersStayNumbersAndSeveralValuesOfAFieldMustAllBeThere() {
        String rule = """
                title: Tagged logon
                id: 99999999-9999-4999-8999-999999999999
                logsource: {product: windows, service: security}
                detection:
                    selection:
                        EventID: 4624
                        Tags|contains: 'a'
                        Tags|endswith: 'z'
                    condition: selection
                """;
        String json = "{\"EventID\": 4624, \"Tags\": [\"alpha\", \"buzz\"], \"Elevated\": true}";
        ExceptionDraft.Draft d = draft(rule, json);
        assertThat(d.selection()).containsEntry("EventID", 4624L).containsEntry("Tags|all", List.of("alpha", "buzz"));
        EvaluationResult r = withDraft(rule, d, json, "{\"EventID\": 4624, \"Tags\": [\"alpha\", \"fizz\"]}");
        assertThat(r.suppressed()).extracting(s -> s.eventIndex()).containsExactly(0L);
        assertThat(r.matches()).extracting(m -> m.eventIndex()).containsExactly(1L);
    }

    @Test
    void keywordMatchesBecomeKeywordsAndAMapEventWorks() {
        String rule = """
                title: Keyword
                id: aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa
                logsource: {product: linux, service: auditd}
                detection:
                    keywords: ['evil']
                    condition: keywords
                """;
        Map<String, Object> event = Map.of("msg", "an evil thing", "hostname", "h1");
        EvaluationResult r = evaluate(rule, List.of(ExceptionDraft.toEvent(event)));
        ExceptionDraft.Draft d = ExceptionDraft.fromEvent(PARSER.parseRule(rule), event,
                r.matches().get(0).matchedFields());
        assertThat(d.selection()).containsExactly(Map.entry("Hostname", "h1"));
        assertThat(d.yaml()).contains("keywords:").contains("condition: 'not (selection and keywords)'");
        EvaluationResult applied = withDraft(rule, d, "{\"msg\": \"an evil thing\", \"hostname\": \"h1\"}",
                "{\"msg\": \"evil too\", \"hostname\": \"h1\"}", "{\"msg\": \"an evil thing\", \"hostname\": \"h2\"}");
        assertThat(applied.suppressed()).extracting(s -> s.eventIndex()).containsExactly(0L);
        assertThat(applied.matches()).extracting(m -> m.eventIndex()).containsExactly(1L, 2L);
    }

    @Test
    void theDraftTranslatesForEveryBuiltInTargetWithAnExceptionLine() {
        String matched = """
                {"Image": "C:\\\\Windows\\\\System32\\\\certutil.exe", "CommandLine": "certutil -decode a b",
                 "ParentImage": "C:\\\\Windows\\\\explorer.exe", "Computer": "PC1", "User": "CORP\\\\alice"}""";
        ExceptionDraft.Draft d = draft(RULE, matched);
        SigmaRule rule = PARSER.parseRule(RULE);
        SigmaFilter filter = PARSER.parse(d.yaml()).filters().get(0);
        for (Target target : TargetRegistry.builtIn().all()) {
            String query = new KqlTranslator().translate(rule, List.of(filter), target, TranslationOptions.PLAIN)
                    .query();
            assertThat(query.lines().filter(l -> l.startsWith("| where ")).toList()).as(target.name()).last()
                    .asString().startsWith("| where not(")
                    .endsWith("  // exception " + filter.metadata().id() + ": " + d.title());
        }
    }

    @Test
    void aContextFieldATargetCannotTranslateIsLeftOut() {
        String rule = """
                title: Web shell access
                id: bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb
                logsource: {category: webserver}
                detection:
                    selection:
                        cs-uri-query|contains: 'cmd='
                    condition: selection
                """;
        String json = "{\"cs-uri-query\": \"cmd=whoami\", \"Hostname\": \"web1\", \"User\": \"x\"}";
        ExceptionDraft.Draft d = draft(rule, json);
        assertThat(d.selection()).containsKey("cs-uri-query");
        SigmaRule parsed = PARSER.parseRule(rule);
        SigmaFilter filter = PARSER.parse(d.yaml()).filters().get(0);
        for (Target target : TargetRegistry.builtIn().all()) {
            try {
                new KqlTranslator().translate(parsed, target, TranslationOptions.PLAIN);
            } catch (io.detectionhub.sigma.kql.UntranslatableRuleException e) {
                continue;
            }
            new KqlTranslator().translate(parsed, List.of(filter), target, TranslationOptions.PLAIN);
        }
    }

    @Test
    void aMatchWithNothingToWriteIsRefused() {
        String rule = """
                title: Absent
                id: cccccccc-cccc-4ccc-8ccc-cccccccccccc
                logsource: {category: test}
                detection:
                    selection:
                        Field: null
                    condition: selection
                """;
        Event e = event("{\"Other\": \"x\"}");
        EvaluationResult r = evaluate(rule, List.of(e));
        assertThatThrownBy(() -> ExceptionDraft.fromEvent(PARSER.parseRule(rule), e,
                r.matches().get(0).matchedFields())).isInstanceOf(IllegalArgumentException.class);
    }
}
