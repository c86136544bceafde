package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.LogSource;

/** Events that do not carry a Windows channel are routed by what they say of themselves (ECS) and by the hint. */
class LogSourceRoutingTest {

    private static final EvaluationEngine ENGINE = engine("""
            title: Windows whoami
            logsource: {product: windows, category: process_creation}
            detection: {selection: {CommandLine|contains: 'whoami'}, condition: selection}
            ---
            title: Linux whoami
            logsource: {product: linux, category: process_creation}
            detection: {selection: {CommandLine|contains: 'whoami'}, condition: selection}
            ---
            title: Linux file whoami
            logsource: {product: linux, category: file_event}
            detection: {selection: {CommandLine|contains: 'whoami'}, condition: selection}
            ---
            title: Any product whoami
            logsource: {category: process_creation}
            detection: {selection: {CommandLine|contains: 'whoami'}, condition: selection}
            """);

    private static List<String> fired(String json, LogSource hint) {
        return ENGINE.evaluate(List.of(Sigma.event(json)), RunOptions.DEFAULT.withLogsourceHint(hint)).matches()
                .stream().map(RuleMatch::ruleTitle).toList();
    }

    @Test
    void anEventThatSaysNothingIsSeenByEveryRule() {
        assertEquals(List.of("Windows whoami", "Linux whoami", "Linux file whoami", "Any product whoami"),
                fired("{\"CommandLine\": \"whoami\"}", null));
    }

    @Test
    void theHostOperatingSystemRulesOutRulesOfOtherProducts() {
        assertEquals(List.of("Linux whoami", "Linux file whoami", "Any product whoami"),
                fired("{\"host\": {\"os\": {\"type\": \"linux\"}}, \"CommandLine\": \"whoami\"}", null));
    }

    @Test
    void anEcsProcessStartIsAProcessCreation() {
        assertEquals(List.of("Linux whoami", "Any product whoami"),
                fired("{\"host\": {\"os\": {\"type\": \"linux\"}}, \"event\": {\"category\": [\"process\"],"
                        + " \"type\": [\"start\"]}, \"CommandLine\": \"whoami\"}", null));
    }

    @Test
    void theUploadHintWinsOverWhatTheEventSays() {
        assertEquals(List.of("Windows whoami", "Any product whoami"),
                fired("{\"host\": {\"os\": {\"type\": \"linux\"}}, \"CommandLine\": \"whoami\"}",
                        new LogSource("process_creation", "windows", null, null)));
    }

    @Test
    void winlogbeatFieldsIdentifyAWindowsEvent() {
        assertEquals(List.of("Windows whoami", "Any product whoami"),
                fired("{\"winlog\": {\"channel\": \"Microsoft-Windows-Sysmon/Operational\", \"event_id\": 1,"
                        + " \"provider_name\": \"Microsoft-Windows-Sysmon\"}, \"CommandLine\": \"whoami\"}", null));
    }

    private static final EvaluationEngine CHANNEL_RULES = engine("""
            title: Product of its own
            logsource: {product: conformance}
            detection:
                channel: {Channel: Security}
                keywords: [mimikatz]
                condition: channel and keywords
            ---
            title: Linux product
            logsource: {product: linux}
            detection:
                channel: {Channel: Security}
                keywords: [mimikatz]
                condition: channel and keywords
            ---
            title: Product of its own, process creation
            logsource: {product: conformance, category: process_creation}
            detection: {keywords: [mimikatz], condition: keywords}
            ---
            title: Product of its own, Sysmon
            logsource: {product: conformance, service: sysmon}
            detection: {selection: {EventID: 1}, condition: selection}
            """);

    private static List<String> firedByChannelRules(String json) {
        return CHANNEL_RULES.evaluate(List.of(Sigma.event(json)), RunOptions.DEFAULT).matches().stream()
                .map(RuleMatch::ruleTitle).toList();
    }

    private static String security(int eventId, String data) {
        return "{\"Event\": {\"System\": {\"Channel\": \"Security\", \"EventID\": " + eventId
                + ", \"Provider\": {\"#attributes\": {\"Name\": \"Microsoft-Windows-Security-Auditing\"}}},"
                + " \"EventData\": {\"CommandLine\": \"" + data + "\"}}}";
    }

    @Test
    void aChannelDoesNotRuleOutAProductThatIsNoOperatingSystem() {
        assertEquals(List.of("Product of its own"), firedByChannelRules(security(4624, "mimikatz.exe")));
        assertEquals(List.of(), firedByChannelRules(security(4624, "notepad.exe")), "the keyword is still needed");
    }

    @Test
    void aChannelStillRulesOutOtherOperatingSystemsAndOtherCategoriesAndServices() {
        assertEquals(List.of("Product of its own", "Product of its own, process creation"),
                firedByChannelRules(security(4688, "mimikatz.exe")), "4688 is a process creation; Linux is not");
        assertEquals(List.of(), firedByChannelRules(security(1, "x")), "EventID 1 of Security is no Sysmon event");
        assertEquals(List.of("Product of its own, Sysmon"), firedByChannelRules(
                "{\"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"EventID\": 1}"));
    }

    private static final EvaluationEngine SERVICE_RULES = engine("""
            title: AppX deployment
            logsource: {product: windows, service: appxdeployment-server}
            detection: {selection: {EventID: 400}, condition: selection}
            ---
            title: DNS client
            logsource: {product: windows, service: dns-client}
            detection: {selection: {EventID: 3008}, condition: selection}
            """);

    @Test
    void everyWindowsServiceOfTheCorpusNamesItsChannel() {
        assertEquals(List.of("AppX deployment"), SERVICE_RULES.evaluate(List.of(Sigma.event(
                "{\"Channel\": \"Microsoft-Windows-AppXDeploymentServer/Operational\", \"EventID\": 400}")),
                RunOptions.DEFAULT).matches().stream().map(RuleMatch::ruleTitle).toList());
        assertEquals(List.of("DNS client"), SERVICE_RULES.evaluate(List.of(Sigma.event(
                "{\"Channel\": \"Microsoft-Windows-DNS Client Events/Operational\", \"EventID\": 3008}")),
                RunOptions.DEFAULT).matches().stream().map(RuleMatch::ruleTitle).toList());
        assertEquals(List.of(), SERVICE_RULES.evaluate(List.of(Sigma.event(
                "{\"Channel\": \"System\", \"EventID\": 3008}")),
                RunOptions.DEFAULT).matches(), "another channel's event 3008 is not a DNS client event");
    }
}
