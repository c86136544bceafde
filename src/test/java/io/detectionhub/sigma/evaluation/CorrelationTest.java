package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.engineFromResource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    private static String logon(String time, int eventId, String user) {
        return "{\"Channel\":\"Security\",\"EventID\":" + eventId + ",\"@timestamp\":\"2024-01-01T" + time
                + "Z\",\"TargetUserName\":\"" + user + "\",\"User\":\"" + user + "\",\"IpAddress\":\"10.0.0.9\"}";
    }

    @Test
    void eventCountPerGroupWithinTimespan() {
        EvaluationEngine e = engineFromResource("correlation/event-count.yml");
        EvaluationResult r = Sigma.run(e,
                logon("10:00:00", 4625, "bob"),
                logon("10:01:00", 4625, "alice"),
                logon("10:02:00", 4625, "bob"),
                logon("10:03:00", 4625, "bob"),
                logon("10:03:30", 4625, "alice"),
                logon("10:20:00", 4625, "alice"));
        assertEquals(1, r.correlations().size(), r.correlations().toString());
        CorrelationMatch m = r.correlations().get(0);
        assertEquals("9d000000-0000-4000-8000-0000000000b1", m.ruleId());
        assertEquals(Map.of("TargetUserName", "bob"), m.groupBy());
        assertEquals(List.of(0L, 2L, 3L), m.eventIndexes());
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), m.firstTimestamp());
        assertEquals(Instant.parse("2024-01-01T10:03:00Z"), m.lastTimestamp());
        assertEquals(3, m.count());
        assertTrue(r.matches().isEmpty(), "referenced rules are not reported on their own (generate: false)");
    }

    @Test
    void eventCountOutsideTimespanDoesNotFire() {
        EvaluationEngine e = engineFromResource("correlation/event-count.yml");
        EvaluationResult r = Sigma.run(e,
                logon("10:00:00", 4625, "bob"), logon("10:04:00", 4625, "bob"), logon("10:08:00", 4625, "bob"));
        assertTrue(r.correlations().isEmpty());
    }

    @Test
    void aBurstRaisesOneAlert() {
        EvaluationEngine e = engineFromResource("correlation/event-count.yml");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(logon("10:00:0" + i, 4625, "bob"));
        }
        EvaluationResult r = Sigma.run(e, events.toArray(String[]::new));
        assertEquals(1, r.correlations().size());
        assertEquals(10, r.correlations().get(0).count());
    }

    @Test
    void valueCountCountsDistinctValues() {
        EvaluationEngine e = engineFromResource("correlation/value-count.yml");
        EvaluationResult few = Sigma.run(e,
                logon("10:00:00", 4625, "bob"), logon("10:01:00", 4625, "bob"), logon("10:02:00", 4625, "alice"));
        assertTrue(few.correlations().isEmpty(), "two distinct users are not more than 2");
        EvaluationResult many = Sigma.run(e,
                logon("10:00:00", 4625, "bob"), logon("10:01:00", 4625, "alice"),
                logon("10:02:00", 4625, "carol"), logon("10:03:00", 4625, "bob"));
        assertEquals(1, many.correlations().size());
        assertEquals(Map.of("IpAddress", "10.0.0.9"), many.correlations().get(0).groupBy());
        assertEquals(3, many.correlations().get(0).count());
    }

    private static String process(String time, String image, String computer) {
        return "{\"@timestamp\":\"2024-01-01T" + time + "Z\",\"Image\":\"C:\\\\Windows\\\\System32\\\\" + image
                + "\",\"Computer\":\"" + computer + "\"}";
    }

    @Test
    void temporalNeedsAllRulesInTheWindowOfOneGroup() {
        EvaluationEngine e = engineFromResource("correlation/temporal.yml");
        EvaluationResult r = Sigma.run(e,
                process("10:00:00", "whoami.exe", "WS1"),
                process("10:00:30", "net.exe", "WS2"),
                process("10:01:00", "net.exe", "WS1"),
                process("10:30:00", "whoami.exe", "WS2"));
        assertEquals(1, r.correlations().size(), r.correlations().toString());
        assertEquals(Map.of("Computer", "WS1"), r.correlations().get(0).groupBy());
        assertEquals(List.of(0L, 2L), r.correlations().get(0).eventIndexes());
        assertEquals(4, r.matches().size(), "generate: true reports the referenced rules too");
    }

    @Test
    void aRuleIsReportedWhenAnyCorrelationReferringToItGenerates() {
        String quiet = Sigma.resource("correlation/temporal.yml").replace("generate: true", "generate: false");
        String loud = """
                title: Many whoami
                id: 9d000000-0000-4000-8000-0000000000c1
                correlation:
                    type: event_count
                    rules: [recon_whoami]
                    group-by: [Computer]
                    timespan: 1h
                    condition: {gte: 5}
                generate: true
                ---
                """;
        EvaluationResult both = Sigma.run(engine(loud + quiet), process("10:00:00", "whoami.exe", "WS1"),
                process("10:00:30", "net.exe", "WS1"));
        assertEquals(List.of("Whoami"), both.matches().stream().map(RuleMatch::ruleTitle).toList(),
                "whoami is referenced by a generating correlation, net only by a quiet one");
        EvaluationResult quietOnly = Sigma.run(engine(quiet), process("10:00:00", "whoami.exe", "WS1"));
        assertTrue(quietOnly.matches().isEmpty());
    }

    @Test
    void temporalOrderedOverAChainedCorrelation() {
        EvaluationEngine e = engineFromResource("correlation/temporal-ordered-chained.yml");
        EvaluationResult inOrder = Sigma.run(e,
                logon("10:00:00", 4625, "bob"), logon("10:01:00", 4625, "bob"), logon("10:02:00", 4624, "bob"));
        List<CorrelationMatch> outer = inOrder.correlations().stream()
                .filter(c -> c.ruleId().equals("9d000000-0000-4000-8000-0000000000b4")).toList();
        assertEquals(1, outer.size(), inOrder.correlations().toString());
        assertEquals(List.of(0L, 1L, 2L), outer.get(0).eventIndexes());
        EvaluationResult wrongOrder = Sigma.run(e,
                logon("10:00:00", 4624, "bob"), logon("10:01:00", 4625, "bob"), logon("10:02:00", 4625, "bob"));
        assertTrue(wrongOrder.correlations().stream()
                .noneMatch(c -> c.ruleId().equals("9d000000-0000-4000-8000-0000000000b4")));
    }

    /** A correlation whose input is missing is left out with a problem, and so is every correlation built on it. */
    @Test
    void aCorrelationReferringToWhatIsNotGivenIsLeftOutWithEveryCorrelationOnTopOfIt() {
        String chain = Sigma.resource("correlation/temporal-ordered-chained.yml")
                .replace("        - failed_logon\n", "        - no_such_rule\n");
        EvaluationEngine e = engine(chain + """
                ---
                title: Repeated failed-then-successful logons
                id: 9d000000-0000-4000-8000-0000000000b6
                correlation:
                    type: event_count
                    rules: [9d000000-0000-4000-8000-0000000000b4]
                    group-by: [User]
                    timespan: 1h
                    condition: {gte: 1}
                """);
        assertEquals(List.of(
                "9d000000-0000-4000-8000-0000000000b5: Correlation not evaluated: it refers to 'no_such_rule', which "
                        + "is not among the rules given (or could not be compiled)",
                "9d000000-0000-4000-8000-0000000000b4: Correlation not evaluated: a correlation it refers to could "
                        + "not be evaluated",
                "9d000000-0000-4000-8000-0000000000b6: Correlation not evaluated: a correlation it refers to could "
                        + "not be evaluated"),
                e.problems().stream().map(p -> p.ruleId() + ": " + p.message()).toList());
        assertEquals(2, e.rulesEvaluated(), "the two detection rules, no correlation");
        EvaluationResult r = Sigma.run(e, logon("10:00:00", 4625, "bob"), logon("10:02:00", 4624, "bob"));
        assertTrue(r.correlations().isEmpty());
        assertEquals(2, r.matches().size(), "rules no evaluated correlation refers to are reported on their own");
    }

    @Test
    void aliasesMapGroupByFieldsPerRule() {
        EvaluationEngine e = engineFromResource("correlation/aliases.yml");
        EvaluationResult r = Sigma.run(e,
                "{\"@timestamp\":\"2024-01-01T10:00:00Z\",\"http\":{\"response\":{\"status_code\":500}},"
                        + "\"destination\":{\"ip\":\"10.1.1.1\"}}",
                "{\"@timestamp\":\"2024-01-01T10:00:05Z\",\"event\":{\"category\":\"network\",\"type\":\"connection\"},"
                        + "\"source\":{\"ip\":\"10.1.1.1\"}}",
                "{\"@timestamp\":\"2024-01-01T10:00:06Z\",\"event\":{\"category\":\"network\",\"type\":\"connection\"},"
                        + "\"source\":{\"ip\":\"10.9.9.9\"}}");
        assertEquals(1, r.correlations().size(), r.correlations().toString());
        assertEquals(Map.of("internal_ip", "10.1.1.1"), r.correlations().get(0).groupBy());
        assertEquals(List.of(0L, 1L), r.correlations().get(0).eventIndexes());
    }

    @Test
    void eventsWithoutTimestampAreReported() {
        EvaluationEngine e = engineFromResource("correlation/event-count.yml");
        EvaluationResult r = Sigma.run(e, "{\"Channel\":\"Security\",\"EventID\":4625,\"TargetUserName\":\"bob\"}");
        assertTrue(r.correlations().isEmpty());
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("no readable timestamp")), r.problems()
                .toString());
    }

    @Test
    void configurableTimestampField() {
        EvaluationEngine e = engineFromResource("correlation/event-count.yml");
        List<io.detectionhub.sigma.evaluation.event.Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(Sigma.event("{\"Channel\":\"Security\",\"EventID\":4625,\"TargetUserName\":\"bob\","
                    + "\"when\":\"" + (1_700_000_000 + i) + "\"}"));
        }
        EvaluationResult r = e.evaluate(events, RunOptions.DEFAULT.withTimestampField("when"));
        assertEquals(1, r.correlations().size());
        assertEquals(Instant.ofEpochSecond(1_700_000_000), r.correlations().get(0).firstTimestamp());
    }
}
