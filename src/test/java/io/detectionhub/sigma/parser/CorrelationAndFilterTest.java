package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaCorrelation.Bound;
import io.detectionhub.sigma.model.SigmaCorrelation.Comparison;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationType;
import io.detectionhub.sigma.model.SigmaFilter;

class CorrelationAndFilterTest {

    private final SigmaParser parser = new SigmaParser();

    @Test
    void parsesAMultiDocumentCorrelation() {
        SigmaCollection collection = parser.parse(TestYaml.read("correlation_multi.yml"));
        assertThat(collection.documents()).hasSize(3);
        assertThat(collection.rules()).extracting(r -> r.metadata().name())
                .containsExactly("failed_logon", "successful_logon");
        SigmaCorrelation correlation = collection.correlations().get(0);
        assertThat(correlation.id()).isEqualTo("0e95725d-7320-415d-80f7-004da920fc11");
        assertThat(correlation.type()).isEqualTo(CorrelationType.TEMPORAL_ORDERED);
        assertThat(correlation.rules()).containsExactly("failed_logon", "successful_logon");
        assertThat(correlation.groupBy()).containsExactly("TargetUserName");
        assertThat(correlation.timespan()).isEqualTo(Duration.ofHours(1));
        assertThat(correlation.timespanText()).isEqualTo("1h");
        assertThat(correlation.condition().bounds()).containsExactly(new Bound(Comparison.GTE, 2));
        assertThat(correlation.aliases()).isEqualTo(Map.of("user",
                Map.of("failed_logon", "TargetUserName", "successful_logon", "TargetUserName")));
        assertThat(correlation.generate()).isTrue();
        assertThat(correlation.metadata().level()).isEqualTo("high");
        assertThat(collection.byReference("failed_logon")).contains(collection.rules().get(0));
    }

    @Test
    void parsesCountCorrelationsWithRangesAndFields() {
        SigmaCorrelation eventCount = correlation("""
                type: event_count
                rules: 5638f7c0-ac70-491d-8465-2a65075e0d86
                group-by: ComputerName
                timespan: 90m
                condition:
                    gt: 100
                    lte: 200
                """);
        assertThat(eventCount.rules()).containsExactly("5638f7c0-ac70-491d-8465-2a65075e0d86");
        assertThat(eventCount.groupBy()).containsExactly("ComputerName");
        assertThat(eventCount.timespan()).isEqualTo(Duration.ofMinutes(90));
        assertThat(eventCount.condition().bounds()).containsExactly(new Bound(Comparison.GT, 100),
                new Bound(Comparison.LTE, 200));
        assertThat(eventCount.condition().test(150)).isTrue();
        assertThat(eventCount.condition().test(201)).isFalse();
        assertThat(eventCount.generate()).isFalse();

        SigmaCorrelation valueCount = correlation("""
                type: value_count
                rules: [failed_login]
                group-by: [ComputerName, WorkstationName]
                timespan: 1d
                condition:
                    field: User
                    gte: 100
                """);
        assertThat(valueCount.condition().field()).isEqualTo("User");
        assertThat(valueCount.condition().bounds()).containsExactly(new Bound(Comparison.GTE, 100));
    }

    @Test
    void temporalCorrelationsWithoutConditionNeedAllRules() {
        SigmaCorrelation temporal = correlation("""
                type: temporal
                rules: [a, b, c]
                timespan: 5m
                """);
        assertThat(temporal.condition().bounds()).containsExactly(new Bound(Comparison.GTE, 3));
        assertThat(temporal.groupBy()).isEmpty();
    }

    @Test
    void acceptsTimespanUnits() {
        assertThat(CorrelationReader.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CorrelationReader.duration("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(CorrelationReader.duration("1M")).isEqualTo(Duration.ofDays(30));
        assertThat(CorrelationReader.duration("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(CorrelationReader.duration("1H")).isNull();
        assertThat(CorrelationReader.duration("0m")).isNull();
        assertThat(CorrelationReader.duration("5 m")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            "type: event_cnt\\nrules: [a]\\ntimespan: 1h\\ncondition: {gte: 1}" ~ "line 3: correlation.type: 'event_cnt' is not a correlation type; use one of event_count, value_count, temporal, temporal_ordered (did you mean 'event_count'?)"
            "type: event_count\\ntimespan: 1h\\ncondition: {gte: 1}" ~ "line 3: correlation.rules: 'rules' is missing"
            "type: event_count\\nrules: [a]\\ncondition: {gte: 1}" ~ "line 3: correlation.timespan: 'timespan' is missing (e.g. 'timespan: 5m')"
            "type: event_count\\nrules: [a]\\ntimespan: 1 hour\\ncondition: {gte: 1}" ~ "line 5: correlation.timespan: 'timespan' must be a number followed by s, m, h or d (e.g. 30s, 5m, 1h, 7d), not '1 hour'"
            "type: event_count\\nrules: [a]\\ntimespan: 1h" ~ "line 3: correlation.condition: 'condition' is missing: an event_count correlation needs a count condition such as 'gte: 10'"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {more: 5}" ~ "line 6: correlation.condition.more: unknown condition 'more'; use gt, gte, lt, lte or eq"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {gte: many}" ~ "line 6: correlation.condition.gte: 'gte' needs a whole number of at least 0"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {}" ~ "line 6: correlation.condition: the condition needs a count criterion: gt, gte, lt, lte or eq"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {gt: 1, gte: 2}" ~ "line 6: correlation.condition: a range needs one lower bound (gt or gte) and one upper bound (lt or lte)"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {gt: 10, lt: 5}" ~ "line 6: correlation.condition: the range gt 10 and lt 5 can never match"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {eq: 1, lt: 5}" ~ "line 6: correlation.condition: a condition has one criterion, or two for a range (a lower bound gt/gte and an upper bound lt/lte)"
            "type: value_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {gte: 5}" ~ "line 6: correlation.condition: a value_count correlation needs 'field': the field whose distinct values are counted"
            "type: event_count\\nrules: [a]\\ntimespan: 1h\\ncondition: {gte: 5, field: User}" ~ "line 6: correlation.condition.field: 'field' is only used by value_count correlations"
            "type: temporal\\nrules: [a, a]\\ntimespan: 1h" ~ "line 4: correlation.rules[1]: 'a' is listed twice in 'rules'"
            "type: temporal\\nrules: [a]\\ntimespan: 1h\\ngroupby: [User]" ~ "line 6: correlation.groupby: unknown correlation attribute 'groupby' (did you mean 'group-by'?)"
            "type: temporal\\nrules: [a]\\ntimespan: 1h\\ngenerate: maybe" ~ "line 6: correlation.generate: 'generate' must be true or false"
            "type: temporal\\nrules: [a]\\ntimespan: 1h\\naliases: [x]" ~ "line 6: correlation.aliases: 'aliases' must map each alias to {rule name: field name}"
            "type: temporal\\nrules: [failed, success]\\ntimespan: 1h\\naliases: {ip: {failed: src, sucess: dst}}" ~ "line 6: correlation.aliases.ip.sucess: alias 'ip' names rule 'sucess', which is not in 'rules' (did you mean 'success'?)"
            """)
    void reportsInvalidCorrelations(String section, String expected) {
        String yaml = "title: c\ncorrelation:\n" + section.replace("\\n", "\n").indent(4);
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class, () -> parser.parse(yaml));
        assertThat(e).as("expected a validation problem").isNotNull();
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(expected.split(" && "));
    }

    @Test
    void aDocumentCannotBeTwoKinds() {
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class, () -> parser.parse("""
                title: t
                detection: {sel: {a: 1}, condition: sel}
                correlation: {type: temporal, rules: [a], timespan: 1h}
                """));
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly("a document has one of "
                + "'detection', 'correlation' or 'filter', but this one has detection and correlation; put them in "
                + "separate YAML documents (---)");
    }

    @Test
    void parsesAFilter() {
        SigmaFilter filter = parser.parse(TestYaml.read("filter_document.yml")).filters().get(0);
        assertThat(filter.title()).isEqualTo("Filter Administrator account");
        assertThat(filter.logsource()).isEqualTo(new LogSource("process_creation", "windows", null, null));
        assertThat(filter.rules()).containsExactly("6f3e2987-db24-4c78-a860-b4f4095a7095",
                "df0841c0-9846-4e9f-ad8a-7df91571771b");
        assertThat(filter.detection().identifiers()).containsOnlyKeys("selection");
        assertThat(filter.detection().condition()).isEqualTo(new Condition.Not(new Condition.Identifier("selection")));
    }

    @Test
    void reportsInvalidFilters() {
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class, () -> parser.parse("""
                title: f
                filter:
                    selection:
                        User|startswith: adm_
                    condition: not selection and not other
                """));
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(
                "line 1: logsource: 'logsource' is missing: say which events the rule applies to (category, product, "
                        + "service)",
                "line 3: filter.rules: 'rules' is missing: name the rules (ids or names) the filter applies to",
                "line 5: filter.condition: unknown search identifier 'other' (in condition 'not selection and not "
                        + "other')");
    }

    @Test
    void reportsProblemsOfEveryDocumentWithTheirLines() {
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class, () -> parser.parse("""
                title: first
                logsource: {product: windows}
                detection: {sel: {a|nope: 1}, condition: sel}
                ---
                title: second
                logsource: {product: windows}
                detection: {sel: {a: 1}, condition: sell}
                """));
        assertThat(e.problems()).extracting(SigmaProblem::line).containsExactly(3, 7);
    }

    @Test
    void skipsEmptyDocuments() {
        SigmaCollection collection = parser.parse("""
                ---
                title: only
                logsource: {product: windows}
                detection: {sel: {a: 1}, condition: sel}
                ---
                """);
        assertThat(collection.documents()).hasSize(1);
    }

    @Test
    void aSelfContainedTextHoldsEveryRuleItsCorrelationsReferTo() {
        String text = TestYaml.read("correlation_multi.yml");
        assertThat(parser.parseSelfContained(text).documents()).hasSize(3);
        String missing = text.replace("name: successful_logon\n", "name: logon_success\n");
        assertThat(parser.parse(missing).correlations()).hasSize(1);
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class,
                () -> parser.parseSelfContained(missing));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly("line 29: correlation.rules[1]: "
                + "'successful_logon' names no rule or correlation in this text: a text evaluated on its own must "
                + "hold every rule its correlations refer to");
    }

    @Test
    void aSelfContainedTextMayReferToCorrelationsButNotToItself() {
        String rule = """
                title: Failed logon
                name: failed_logon
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4625}, condition: selection}
                """;
        String inner = """
                ---
                title: Many failed logons
                name: many_failed
                correlation: {type: event_count, rules: failed_logon, group-by: User, timespan: 10m,
                    condition: {gte: 5}}
                """;
        String outer = """
                ---
                title: Repeatedly many failed logons
                name: repeated
                correlation: {type: event_count, rules: many_failed, group-by: User, timespan: 1h,
                    condition: {gte: 2}}
                """;
        assertThat(parser.parseSelfContained(rule + inner + outer).correlations()).hasSize(2);
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class,
                () -> parser.parseSelfContained(rule + outer.replace("rules: many_failed", "rules: repeated")));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SigmaProblem::path).containsExactly("correlation.rules");
        assertThat(e.problems().get(0).line()).isEqualTo(8);
    }

    private SigmaCorrelation correlation(String section) {
        return parser.parse("title: c\ncorrelation:\n" + section.indent(4)).correlations().get(0);
    }

}
