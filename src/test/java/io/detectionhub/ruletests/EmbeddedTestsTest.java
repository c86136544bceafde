package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The shapes of embedded exemplar events read, what is refused with a reason, and the cases' canonical JSON. */
class EmbeddedTestsTest {

    static final String HEAD = """
            title: t
            id: 0d0d0d0d-0000-4000-8000-000000000009
            logsource: {product: windows, category: process_creation}
            detection: {selection: {Image|endswith: '\\\\x.exe'}, condition: selection}
            """;

    @Test
    void sigmaTestsTestcasesBecomeAMustMatchEveryEventCaseAndAMustNotMatchCase() {
        EmbeddedTests.Result r = EmbeddedTests.fromRule(HEAD + """
                testcases:
                    match:
                        - {Image: 'C:\\x.exe'}
                        - {Image: 'D:\\x.exe', UtcTime: 2024-01-02 10:00:00}
                    dont-match:
                        - {Image: 'C:\\y.exe'}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.cases()).hasSize(2);
        RuleTestDraft match = r.cases().get(0);
        assertThat(match.origin()).isEqualTo("embedded");
        assertThat(match.source()).isEqualTo("testcases.match");
        assertThat(match.expectation().kind()).isEqualTo(Expectation.Kind.MATCH);
        assertThat(match.expectation().events()).containsExactly(1, 2);
        assertThat(match.events()).contains("D:\\\\x.exe").contains("\"UtcTime\" : \"2024-01-02T10:00:00Z\"");
        assertThat(r.cases().get(1).expectation()).isEqualTo(Expectation.MUST_NOT_MATCH);
    }

    @Test
    void customAttributesHoldTheListsDirectlyOrInANamedBlock() {
        assertThat(EmbeddedTests.fromRule(HEAD + """
                custom_attributes:
                    match: {Image: 'C:\\x.exe'}
                    no_match: [{Image: 'C:\\y.exe'}]
                """).cases()).extracting(RuleTestDraft::source)
                .containsExactly("custom_attributes.match", "custom_attributes.no_match");
        assertThat(EmbeddedTests.fromRule(HEAD + """
                custom_attributes:
                    test_events:
                        should_match: [{Image: 'C:\\x.exe'}]
                """).cases()).extracting(RuleTestDraft::name)
                .containsExactly("Embedded: must match (custom_attributes.test_events.should_match)");
    }

    @Test
    void anEventThatIsNotAMapIsAProblemAndOtherKeysAreLeftAlone() {
        EmbeddedTests.Result r = EmbeddedTests.fromRule(HEAD + """
                testcases:
                    match: [just text]
                    comment: not a list of events
                custom_attributes:
                    owner: team-a
                """);
        assertThat(r.cases()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("testcases.match")
                .contains("must be a map");
        assertThat(EmbeddedTests.fromRule(HEAD).cases()).isEmpty();
        assertThat(EmbeddedTests.mayHold(HEAD)).isFalse();
    }

    @Test
    void theCanonicalJsonReadsBackAndNamesWhatItCannotRead() {
        List<RuleTestDraft> cases = EmbeddedTests.fromRule(HEAD + """
                testcases:
                    match: [{Image: 'C:\\x.exe'}]
                    dont-match: [{Image: 'C:\\y.exe'}]
                """).cases();
        String json = RuleTestsJson.write(cases);
        assertThat(RuleTestsJson.read(json).cases()).containsExactlyElementsOf(cases);
        assertThat(RuleTestsJson.write(List.of())).isEqualTo("[]");
        RuleTestsJson.Read bad = RuleTestsJson.read("""
                [{"name": "ok", "events": "[{}]", "expectation": {"kind": "match"}},
                 {"name": "bad", "events": "[{}]", "expectation": {"kind": "maybe"}}]""");
        assertThat(bad.cases()).extracting(RuleTestDraft::name).containsExactly("ok");
        assertThat(bad.problems()).singleElement().asString().contains("'bad'").contains("maybe");
        assertThat(RuleTestsJson.read("{}").problems()).containsExactly("not a JSON array of test cases");
    }
}
