package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.engineFromResource;
import static io.detectionhub.sigma.evaluation.Sigma.fires;
import static io.detectionhub.sigma.evaluation.Sigma.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.LogSource;

/** One test per point of docs/sigma-semantics-notes.md. */
class SemanticsNotesTest {

    @Test
    void escapingBackslashEscapesOnlyStarQuestionMarkAndBackslash() {
        // 'C:\Users\*\AppData' has a literal star after Users
        EvaluationEngine literalStar = engine(rule("Path: 'C:\\Users\\*\\AppData'"));
        assertTrue(fires(literalStar, "{\"Path\":\"C:\\\\Users*\\\\AppData\"}"));
        assertFalse(fires(literalStar, "{\"Path\":\"C:\\\\Users\\\\bob\\\\AppData\"}"));
        // a separator before a wildcard is written \\*
        EvaluationEngine wildcard = engine(rule("Path: 'C:\\Users\\\\*\\AppData'"));
        assertTrue(fires(wildcard, "{\"Path\":\"C:\\\\Users\\\\bob\\\\AppData\"}"));
        // any other backslash is itself: no doubling needed
        EvaluationEngine plain = engine(rule("Path: 'C:\\Windows\\System32'"));
        assertTrue(fires(plain, "{\"Path\":\"C:\\\\Windows\\\\System32\"}"));
        // \\ is one literal backslash
        EvaluationEngine doubled = engine(rule("Path: 'a\\\\b'"));
        assertTrue(fires(doubled, "{\"Path\":\"a\\\\b\"}"));
        assertFalse(fires(doubled, "{\"Path\":\"a\\\\\\\\b\"}"));
        // \? is a literal question mark
        EvaluationEngine question = engine(rule("Path: 'what\\?'"));
        assertTrue(fires(question, "{\"Path\":\"what?\"}"));
        assertFalse(fires(question, "{\"Path\":\"whatX\"}"));
    }

    @Test
    void filtersAreAndedToTheRulesTheyNameAndExclusionsAreWrittenNotSelection() {
        EvaluationEngine e = engineFromResource("notes/filter.yml");
        assertTrue(fires(e, "{\"Image\":\"C:\\\\Windows\\\\whoami.exe\",\"ComputerName\":\"WS02\"}"));
        assertFalse(fires(e, "{\"Image\":\"C:\\\\Windows\\\\whoami.exe\",\"ComputerName\":\"ADMIN-WS01\"}"));
        assertFalse(fires(e, "{\"Image\":\"C:\\\\Windows\\\\net.exe\",\"ComputerName\":\"ADMIN-WS01\"}"),
                "the filter names the second rule by id");
        assertTrue(fires(e, "{\"Image\":\"C:\\\\Windows\\\\net.exe\",\"ComputerName\":\"WS02\"}"));
    }

    @Test
    void filtersApplyOnlyWhenTheirLogsourceCoversTheRule() {
        EvaluationEngine e = engineFromResource("notes/filter-other-logsource.yml");
        assertTrue(fires(e, "{\"Image\":\"C:\\\\Windows\\\\whoami.exe\",\"ComputerName\":\"ADMIN-WS01\"}"));
    }

    @Test
    void utf16FamilyLeBeAndBomPerSpecification() {
        String le = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16LE));
        String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
        String bom = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0});
        String utf8Bom = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
                'c', 0, 'm', 0, 'd', 0});
        assertTrue(fires(engine(rule("X|utf16le|base64: cmd")), "{\"X\":\"" + le + "\"}"));
        assertTrue(fires(engine(rule("X|wide|base64: cmd")), "{\"X\":\"" + le + "\"}"));
        assertTrue(fires(engine(rule("X|utf16be|base64: cmd")), "{\"X\":\"" + be + "\"}"));
        EvaluationEngine utf16 = engine(rule("X|utf16|base64: cmd"));
        assertTrue(fires(utf16, "{\"X\":\"" + bom + "\"}"), "utf16 prepends FF FE");
        assertFalse(fires(utf16, "{\"X\":\"" + utf8Bom + "\"}"), "not a UTF-8 byte order mark");
    }

    @Test
    void correlationRangeConditionsCountWholeTimespans() {
        EvaluationEngine e = engineFromResource("correlation/range.yml");
        // 3 events inside one 10-minute window: in range 2..3, one alert, none for sub-windows
        EvaluationResult r = Sigma.run(e,
                "{\"@timestamp\":\"2024-01-01T10:00:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:01:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:02:00Z\",\"EventID\":4625,\"User\":\"bob\"}");
        assertEquals(1, r.correlations().size(), r.correlations().toString());
        assertEquals(List.of(0L, 1L, 2L), r.correlations().get(0).eventIndexes());
        // 5 events in one window: above the range, no alert (a sub-window of 2 or 3 does not count)
        EvaluationResult over = Sigma.run(e,
                "{\"@timestamp\":\"2024-01-01T10:00:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:01:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:02:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:03:00Z\",\"EventID\":4625,\"User\":\"bob\"}",
                "{\"@timestamp\":\"2024-01-01T10:04:00Z\",\"EventID\":4625,\"User\":\"bob\"}");
        assertTrue(over.correlations().isEmpty(), over.correlations().toString());
    }

    @Test
    void keywordsAreCaseInsensitiveSubstringsOfAnyStringValueNestedIncluded() {
        EvaluationEngine e = engine("""
                title: keywords
                id: 7b000000-0000-4000-8000-000000000001
                logsource:
                    product: linux
                detection:
                    keywords:
                        - 'Failed password'
                        - 'authentication failure'
                    condition: keywords
                """);
        assertTrue(fires(e, "{\"message\":\"sshd[1]: FAILED PASSWORD for root\"}"));
        assertTrue(fires(e, "{\"log\":{\"syslog\":{\"msg\":[\"x\",\"pam: Authentication failure; user=x\"]}}}"));
        assertFalse(fires(e, "{\"message\":\"Accepted password for root\"}"));
        assertFalse(fires(e, "{\"Failed password\":1}"), "field names are not searched");
    }

    @Test
    void nullMatchesAbsentOrJsonNullAndExistsChecksPresenceOnly() {
        EvaluationEngine isNull = engine(rule("ParentImage: null"));
        assertTrue(fires(isNull, "{\"Image\":\"x\"}"));
        assertTrue(fires(isNull, "{\"ParentImage\":null}"));
        assertFalse(fires(isNull, "{\"ParentImage\":\"C:\\\\x.exe\"}"));
        EvaluationEngine exists = engine(rule("ParentImage|exists: true"));
        assertTrue(fires(exists, "{\"ParentImage\":null}"));
        assertTrue(fires(exists, "{\"ParentImage\":\"\"}"));
        assertFalse(fires(exists, "{\"Image\":\"x\"}"));
    }

    @Test
    void regexIsAnUnanchoredSearchCaseSensitiveUnlessI() {
        EvaluationEngine e = engine(rule("CommandLine|re: '\\-enc [A-Za-z0-9+/=]{8}'"));
        assertTrue(fires(e, "{\"CommandLine\":\"powershell.exe -nop -enc SQBFAFgAIAAo more\"}"));
        assertFalse(fires(e, "{\"CommandLine\":\"powershell.exe -ENC SQBFAFgAIAAo\"}"));
        assertTrue(fires(engine(rule("CommandLine|re|i: '\\-enc [a-z0-9+/=]{8}'")),
                "{\"CommandLine\":\"powershell.exe -ENC SQBFAFgAIAAo\"}"));
    }

    @Test
    void numbersAndStringsMatchEachOtherAndArraysMatchAnyElement() {
        assertTrue(fires(engine(rule("EventID: 4688")), "{\"EventID\":\"4688\"}"));
        assertTrue(fires(engine(rule("EventID: '4688'")), "{\"EventID\":4688}"));
        assertFalse(fires(engine(rule("EventID: 4688")), "{\"EventID\":46880}"));
        assertTrue(fires(engine(rule("Size|gt: 9")), "{\"Size\":\"10\"}"), "numeric, not text, comparison");
        assertTrue(fires(engine(rule("Tags: admin")), "{\"Tags\":[\"user\",\"ADMIN\"]}"));
        assertFalse(fires(engine(rule("Tags: admin")), "{\"Tags\":[\"user\",\"guest\"]}"));
    }

    @Test
    void windowsEventJsonFieldsByPlainSigmaNames() {
        String evtx = """
                {"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},
                  "System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Windows Defender",
                      "Guid":"{11cd958a-c507-4ef3-b3f2-5fd9dfbd2c78}"}},
                    "EventID":1116,"Channel":"Microsoft-Windows-Windows Defender/Operational",
                    "Computer":"WS01.corp.local","Execution":{"#attributes":{"ProcessID":3456,"ThreadID":12}},
                    "TimeCreated":{"#attributes":{"SystemTime":"2024-05-01T10:00:00.123456Z"}}},
                  "EventData":{"Threat Name":"HackTool:Win32/Mimikatz","Path":"file:_C:\\\\tools\\\\m.exe"}}}""";
        EvaluationEngine e = engine("""
                title: Defender detection of Mimikatz
                id: 8c000000-0000-4000-8000-000000000001
                logsource:
                    product: windows
                    service: windefend
                detection:
                    selection:
                        EventID: 1116
                        Provider_Name: Microsoft-Windows-Windows Defender
                        Execution_ProcessID: 3456
                        Computer|endswith: .corp.local
                        ThreatName|contains: Mimikatz
                    condition: selection
                """);
        assertTrue(fires(e, evtx));
        assertTrue(fires(e, evtx.replace("\"#attributes\":{\"Name\"", "\"#attributes\":{\"Name\"")));
        assertFalse(fires(e, evtx.replace("Mimikatz", "Rubeus")));
        String chainsaw = evtx.replace("\"Provider\":{\"#attributes\":{", "\"Provider_attributes\":{")
                .replace("}},\n    \"EventID\"", "},\n    \"EventID\"");
        assertTrue(fires(e, chainsaw), "Chainsaw's separate _attributes objects");
        String userData = """
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Windows Defender"}},
                  "EventID":1116,"Channel":"Microsoft-Windows-Windows Defender/Operational",
                  "Computer":"WS01.corp.local","Execution":{"#attributes":{"ProcessID":3456}}},
                  "UserData":{"Detection":{"Threat Name":"Mimikatz"}}}}""";
        assertTrue(fires(e, userData), "UserData children by plain name, spaces stripped");
    }

    @Test
    void logsourceRoutingUsesChannelAndProviderNeverEventIdAlone() {
        EvaluationEngine e = engineFromResource("notes/routing.yml");
        String sysmon = """
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":1,
                  "Channel":"Microsoft-Windows-Sysmon/Operational"},
                  "EventData":{"Image":"C:\\\\Windows\\\\System32\\\\whoami.exe"}}}""";
        assertEquals(List.of("6a000000-0000-4000-8000-000000000001"), ids(Sigma.run(e, sysmon)));
        // EventID 1 from another provider is not a process creation
        String otherProvider = sysmon.replace("Microsoft-Windows-Sysmon/Operational", "Application")
                .replace("\"Name\":\"Microsoft-Windows-Sysmon\"", "\"Name\":\"SomeApp\"");
        assertEquals(List.of(), ids(Sigma.run(e, otherProvider)));
        // EventID 1102 only counts in the Security channel
        String security = "{\"Channel\":\"Security\",\"Provider_Name\":\"Microsoft-Windows-Eventlog\",\"EventID\":1102}";
        String system = "{\"Channel\":\"System\",\"Provider_Name\":\"Microsoft-Windows-Eventlog\",\"EventID\":1102}";
        assertEquals(List.of("6a000000-0000-4000-8000-000000000002"), ids(Sigma.run(e, security)));
        assertEquals(List.of(), ids(Sigma.run(e, system)));
        // an unmapped category never matches identified events
        String defender = "{\"Channel\":\"Microsoft-Windows-Windows Defender/Operational\",\"EventID\":1116,"
                + "\"Signature\":\"Mimikatz\"}";
        assertEquals(List.of(), ids(Sigma.run(e, defender)));
        // an event that does not say what it is is described by the hint given with the upload
        String flat = "{\"Image\":\"/usr/bin/whoami\"}";
        EvaluationResult hinted = e.evaluate(List.of(Sigma.event(flat)),
                RunOptions.DEFAULT.withLogsourceHint(new LogSource("process_creation", "linux", null, null)));
        assertEquals(List.of("6a000000-0000-4000-8000-000000000004"), ids(hinted));
        EvaluationResult windowsHint = e.evaluate(List.of(Sigma.event(flat)),
                RunOptions.DEFAULT.withLogsourceHint(new LogSource("process_creation", "windows", null, null)));
        assertEquals(List.of(), ids(windowsHint));
        // and without a hint every rule sees it
        assertEquals(List.of("6a000000-0000-4000-8000-000000000004"), ids(Sigma.run(e, flat)));
    }

    private static List<String> ids(EvaluationResult r) {
        return r.matches().stream().map(RuleMatch::ruleId).toList();
    }
}
