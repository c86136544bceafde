package io.detectionhub.sigma.evaluation;

import static io.detectionhub.sigma.evaluation.Sigma.engine;
import static io.detectionhub.sigma.evaluation.Sigma.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.detectionhub.sigma.evaluation.event.Event;
import org.junit.jupiter.api.Test;

/**
 * A filter document (a tuning exception) applied to a rule: an event the rule's own detection matches and the filter
 * excludes is reported as suppressed, naming the filter, in the accelerated and in the exhaustive run; it is not a
 * match, feeds no correlation, and a miss explanation names the exception.
 */
class SuppressionTest {

    private static final String RULE = """
            title: Certutil download
            id: 33333333-3333-4333-8333-333333333333
            level: high
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\certutil.exe'
                    CommandLine|contains: '-urlcache'
                condition: selection
            """;

    private static final String INSTALLER = """
            ---
            title: Installer on BUILD01
            id: 44444444-4444-4444-8444-444444444444
            logsource: {product: windows, category: process_creation}
            filter:
                rules: [33333333-3333-4333-8333-333333333333]
                selection:
                    ParentImage: 'C:\\Windows\\System32\\msiexec.exe'
                condition: not selection
            """;

    private static final String HOST = """
            ---
            title: Host BUILD01
            id: 55555555-5555-4555-8555-555555555555
            logsource: {product: windows, category: process_creation}
            filter:
                rules: [33333333-3333-4333-8333-333333333333]
                selection:
                    Computer: BUILD01
                condition: not selection
            """;

    private static final String FROM_MSIEXEC = """
            {"Image": "C:\\\\Windows\\\\certutil.exe", "CommandLine": "certutil -urlcache -f http://x",
             "ParentImage": "C:\\\\Windows\\\\System32\\\\msiexec.exe", "Computer": "BUILD01",
             "UtcTime": "2026-01-01 10:00:00.000"}""";
    private static final String FROM_CMD = """
            {"Image": "C:\\\\Windows\\\\certutil.exe", "CommandLine": "certutil -urlcache -f http://x",
             "ParentImage": "C:\\\\Windows\\\\System32\\\\cmd.exe", "Computer": "WS02",
             "UtcTime": "2026-01-01 10:01:00.000"}""";
    private static final String OTHER = """
            {"Image": "C:\\\\Windows\\\\notepad.exe", "ParentImage": "C:\\\\Windows\\\\System32\\\\msiexec.exe"}""";

    private static EvaluationResult both(EvaluationEngine engine, List<Event> events, RunOptions options) {
        EvaluationResult fast = engine.evaluate(events, options);
        EvaluationEngine.Run exhaustive = engine.newExhaustiveRun(options);
        events.forEach(exhaustive::accept);
        EvaluationResult slow = exhaustive.finish();
        assertThat(slow.matches()).as("exhaustive run, matches").isEqualTo(fast.matches());
        assertThat(slow.suppressed()).as("exhaustive run, suppressed").isEqualTo(fast.suppressed());
        return fast;
    }

    @Test
    void aMatchTheFilterExcludesIsSuppressedAndNamesTheFilter() {
        EvaluationResult r = both(engine(RULE + INSTALLER), List.of(event(FROM_MSIEXEC), event(FROM_CMD),
                event(OTHER)), RunOptions.DEFAULT);
        assertThat(r.matches()).extracting(RuleMatch::eventIndex).containsExactly(1L);
        assertThat(r.suppressed()).hasSize(1);
        SuppressedMatch s = r.suppressed().get(0);
        assertThat(s.ruleId()).isEqualTo("33333333-3333-4333-8333-333333333333");
        assertThat(s.title()).isEqualTo("Certutil download");
        assertThat(s.level()).isEqualTo("high");
        assertThat(s.eventIndex()).isZero();
        assertThat(s.filterId()).isEqualTo("44444444-4444-4444-8444-444444444444");
        assertThat(s.filterTitle()).isEqualTo("Installer on BUILD01");
        // the rule's own match, without the filter's searches
        assertThat(s.match().matchedSelections()).containsExactly("selection");
        assertThat(s.match().matchedFields()).extracting(FieldMatch::field).containsExactly("Image", "CommandLine");
        assertThat(s.match().matchedFields()).extracting(FieldMatch::value)
                .containsExactly("C:\\Windows\\certutil.exe", "certutil -urlcache -f http://x");
    }

    @Test
    void theFirstFilterThatExcludesTheEventIsNamed() {
        EvaluationResult r = both(engine(RULE + HOST + INSTALLER), List.of(event(FROM_MSIEXEC)), RunOptions.DEFAULT);
        assertThat(r.matches()).isEmpty();
        assertThat(r.suppressed()).extracting(SuppressedMatch::filterId)
                .containsExactly("55555555-5555-4555-8555-555555555555");
    }

    @Test
    void withoutFiltersNothingIsSuppressed() {
        EvaluationResult r = both(engine(RULE), List.of(event(FROM_MSIEXEC), event(FROM_CMD)), RunOptions.DEFAULT);
        assertThat(r.matches()).hasSize(2);
        assertThat(r.suppressed()).isEmpty();
    }

    @Test
    void suppressedEventsFeedNoCorrelation() {
        String correlation = """
                ---
                title: Two downloads
                id: 66666666-6666-4666-8666-666666666666
                correlation:
                    type: event_count
                    rules: [33333333-3333-4333-8333-333333333333]
                    timespan: 10m
                    condition: {gte: 2}
                    generate: true
                """;
        List<Event> events = List.of(event(FROM_MSIEXEC), event(FROM_CMD));
        assertThat(both(engine(RULE + correlation), events, RunOptions.DEFAULT).correlations()).hasSize(1);
        EvaluationResult filtered = both(engine(RULE + INSTALLER + correlation), events, RunOptions.DEFAULT);
        assertThat(filtered.correlations()).isEmpty();
        // generate: true keeps the rule's own results listed, so its suppressed event is listed too
        assertThat(filtered.matches()).hasSize(1);
        assertThat(filtered.suppressed()).hasSize(1);
    }

    @Test
    void suppressedMatchesAreCappedLikeMatches() {
        EvaluationResult r = both(engine(RULE + INSTALLER), List.of(event(FROM_MSIEXEC), event(FROM_MSIEXEC)),
                RunOptions.DEFAULT.withMaxMatches(1));
        assertThat(r.suppressed()).hasSize(1);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void aMissExplanationNamesTheExceptionThatSuppressed() {
        EvaluationResult r = engine(RULE + INSTALLER).evaluate(List.of(event(FROM_MSIEXEC)),
                RunOptions.DEFAULT.withMissExplanations(10));
        MissExplanation m = r.misses().get(0);
        assertThat(m.blame().get(0)).isEqualTo("suppressed by exception 44444444-4444-4444-8444-444444444444 "
                + "'Installer on BUILD01': the rule's detection matched, the exception's filter excludes the event");
        assertThat(m.blame()).contains("filter 'Installer on BUILD01': selection matched, and the condition "
                + "excludes it (not)");
        // an event the rule's detection misses is not said to be suppressed
        MissExplanation other = engine(RULE + INSTALLER).evaluate(List.of(event(OTHER)),
                RunOptions.DEFAULT.withMissExplanations(10)).misses().get(0);
        assertThat(other.blame()).noneMatch(b -> b.startsWith("suppressed"));
    }
}
