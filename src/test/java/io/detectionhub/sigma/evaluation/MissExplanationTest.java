package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** "Why didn't it fire": failing items with the event's value beside the pattern, lists, the condition, routing. */
class MissExplanationTest {

    private static final String RULE = """
            title: Encoded PowerShell
            id: 22222222-2222-2222-2222-222222222222
            logsource: {product: windows, category: process_creation}
            detection:
                selection_img:
                    Image|endswith: ['\\\\powershell.exe', '\\\\pwsh.exe']
                selection_cli:
                    CommandLine|contains|all: [' -enc ', 'bypass']
                filter_main:
                    ParentImage|endswith: '\\\\ccmexec.exe'
                condition: all of selection_* and not filter_main
            """;

    private static List<MissExplanation> misses(String rule, String json, RunOptions options) {
        EvaluationResult r = engine(rule).evaluate(List.of(Sigma.event(json)), options.withMissExplanations(100));
        assertThat(r.matches()).isEmpty();
        return r.misses();
    }

    private static MissExplanation.Item item(MissExplanation m, String search, String field) {
        return m.searches().stream().filter(s -> s.name().equals(search)).findFirst().orElseThrow().maps().get(0)
                .items().stream().filter(i -> field.equals(i.field())).findFirst().orElseThrow();
    }

    @Test
    void aFailedListItemShowsTheEventValueAndTheClosestPattern() {
        MissExplanation m = misses(RULE, """
                {"Image": "C:\\\\Windows\\\\System32\\\\powershell_ise.exe", "CommandLine": "x -enc AAA bypass"}
                """, RunOptions.DEFAULT).get(0);
        assertThat(m.routed()).isFalse();
        MissExplanation.Item image = item(m, "selection_img", "Image");
        assertThat(image.holds()).isFalse();
        assertThat(image.eventValues()).containsExactly("C:\\Windows\\System32\\powershell_ise.exe");
        // the patterns as written in the rule (a backslash before a backslash is kept)
        assertThat(image.patterns()).containsExactly("\\\\powershell.exe", "\\\\pwsh.exe");
        assertThat(image.closestPattern()).isEqualTo("\\\\powershell.exe");
        assertThat(image.reason()).contains("none of 2 values").contains("closest");
        assertThat(item(m, "selection_cli", "CommandLine").holds()).isTrue();
        assertThat(m.blame()).containsExactly("selection_img did not match");
    }

    @Test
    void anAllItemNamesTheValueThatIsMissingAndAnAbsentFieldIsSaid() {
        MissExplanation m = misses(RULE, """
                {"Image": "C:\\\\pwsh.exe", "CommandLine": "pwsh -enc AAA"}
                """, RunOptions.DEFAULT).get(0);
        MissExplanation.Item cli = item(m, "selection_cli", "CommandLine");
        assertThat(cli.holds()).isFalse();
        assertThat(cli.matchedPatterns()).containsExactly(" -enc ");
        assertThat(cli.reason()).contains("but not 'bypass'");
        MissExplanation.Item parent = item(m, "filter_main", "ParentImage");
        assertThat(parent.fieldPresent()).isFalse();
        assertThat(parent.reason()).contains("ParentImage is absent");
        assertThat(m.blame()).containsExactly("selection_cli did not match");
    }

    @Test
    void aMatchingFilterIsBlamedThroughNot() {
        MissExplanation m = misses(RULE, """
                {"Image": "C:\\\\pwsh.exe", "CommandLine": "pwsh -enc AAA -ep bypass", "ParentImage": "C:\\\\ccmexec.exe"}
                """, RunOptions.DEFAULT).get(0);
        assertThat(m.blame()).containsExactly("filter_main matched, and the condition excludes it (not)");
        assertThat(m.searches()).filteredOn(MissExplanation.Search::matched).extracting(MissExplanation.Search::name)
                .containsExactly("selection_img", "selection_cli", "filter_main");
    }

    @Test
    void anEventOfAnotherChannelIsRoutedAwayBeforeAnyComparison() {
        MissExplanation m = misses(RULE, """
                {"Channel": "Security", "EventID": 4624, "Image": "C:\\\\pwsh.exe"}
                """, RunOptions.DEFAULT).get(0);
        assertThat(m.routed()).isTrue();
        assertThat(m.routedAway()).contains("Channel 'Security'").contains("EventID 4624")
                .contains("the rule needs category process_creation");
        assertThat(m.searches()).isEmpty();
    }

    @Test
    void theUploadsHintRoutesAwayToo() {
        MissExplanation m = misses(RULE, "{\"Image\": \"C:\\\\pwsh.exe\"}",
                RunOptions.DEFAULT.withLogsourceHint(new io.detectionhub.sigma.model.LogSource("file_event",
                        "windows", null, null))).get(0);
        assertThat(m.routedAway()).contains("hint").contains("category=process_creation");
    }

    @Test
    void missesAreOnlyExplainedWhenAskedAndWithinTheLimit() {
        EvaluationEngine e = engine(RULE);
        List<io.detectionhub.sigma.evaluation.event.Event> events = Sigma.events("[{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]");
        assertThat(e.evaluate(events, RunOptions.DEFAULT).misses()).isEmpty();
        EvaluationResult limited = e.evaluate(events, RunOptions.DEFAULT.withMissExplanations(2));
        assertThat(limited.misses()).extracting(MissExplanation::eventIndex).containsExactly(0L, 1L);
        assertThat(limited.problems()).anyMatch(p -> p.message().contains("later ones were not explained"));
    }

    @Test
    void aKeywordAndANeqItemAreExplained() {
        MissExplanation m = misses("""
                title: Keywords
                logsource: {product: linux}
                detection:
                    keywords: ['mimikatz', 'sekurlsa']
                    selection: {User|neq: root}
                    condition: keywords and selection
                """, "{\"msg\": \"sekurls a\", \"User\": \"root\"}", RunOptions.DEFAULT).get(0);
        MissExplanation.Item keywords = m.searches().get(0).maps().get(0).items().get(0);
        assertThat(keywords.field()).isNull();
        assertThat(keywords.closestPattern()).isEqualTo("sekurlsa");
        MissExplanation.Item neq = m.searches().get(1).maps().get(0).items().get(0);
        assertThat(neq.holds()).isFalse();
        assertThat(neq.reason()).contains("which the item excludes (neq)");
        assertThat(m.blame()).containsExactly("keywords did not match", "selection did not match");
    }
}
