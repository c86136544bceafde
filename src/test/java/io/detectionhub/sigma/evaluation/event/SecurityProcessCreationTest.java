package io.detectionhub.sigma.evaluation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.evaluation.EvaluationEngine;
import io.detectionhub.sigma.evaluation.EvaluationOptions;
import io.detectionhub.sigma.evaluation.RunOptions;
import io.detectionhub.sigma.parser.SigmaParser;

/** A Security 4688 event is matched by process_creation rules written with Sysmon's field names. */
class SecurityProcessCreationTest {

    private static final String EVENT = """
            {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing"}},
              "EventID": 4688, "Channel": "Security"},
             "EventData": {"SubjectUserName": "alice", "SubjectDomainName": "CORP",
              "NewProcessName": "C:\\\\Windows\\\\System32\\\\whoami.exe", "CommandLine": "whoami /all",
              "ParentProcessName": "C:\\\\Windows\\\\System32\\\\cmd.exe", "MandatoryLabel": "S-1-16-12288"}}}
            """;

    private static Event event(String json) {
        try (JsonEventReader r = JsonEventReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                EventReaderLimits.DEFAULT)) {
            return r.next();
        }
    }

    @Test
    void sysmonNamesReachTheSecurityFields() {
        Event e = event(EVENT);
        assertEquals("C:\\Windows\\System32\\whoami.exe", e.values("Image").get(0).text());
        assertEquals("C:\\Windows\\System32\\cmd.exe", e.values("ParentImage").get(0).text());
        assertEquals("CORP\\alice", e.values("User").get(0).text());
        assertEquals("High", e.values("IntegrityLevel").get(0).text());
    }

    @Test
    void otherEventsAreLeftAsTheyAre() {
        Event e = event(EVENT.replace("4688", "4624"));
        assertTrue(e.values("Image").isEmpty());
        Event sysmon = event("{\"Channel\": \"Security\", \"EventID\": 4688, \"Image\": \"a.exe\","
                + " \"NewProcessName\": \"b.exe\"}");
        assertEquals("a.exe", sysmon.values("Image").get(0).text(), "a field already present is kept");
    }

    @Test
    void aProcessCreationRuleFiresOnTheSecurityEvent() {
        EvaluationEngine engine = EvaluationEngine.compile(new SigmaParser().parse("""
                title: Whoami from cmd at high integrity
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        Image|endswith: '\\\\whoami.exe'
                        ParentImage|endswith: '\\\\cmd.exe'
                        IntegrityLevel: High
                        User|contains: 'CORP\\\\'
                    condition: selection
                """), EvaluationOptions.DEFAULT);
        assertEquals(1, engine.evaluate(List.of(event(EVENT)), RunOptions.DEFAULT).matches().size());
        assertEquals(0, engine.evaluate(List.of(event(EVENT.replace("S-1-16-12288", "S-1-16-8192"))),
                RunOptions.DEFAULT).matches().size());
    }
}
