package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RelatedRule;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SigmaRule;

class SigmaParserMetadataTest {

    private final SigmaParser parser = new SigmaParser();

    @Test
    void readsAllMetadataOfAFullRule() {
        SigmaRule rule = parser.parseRule(TestYaml.read("full_rule.yml"));
        RuleMetadata m = rule.metadata();
        assertThat(m.title()).isEqualTo("Suspicious Shell Via SSH");
        assertThat(m.id()).isEqualTo("2f8d7c1e-3b4a-4c5d-9e6f-7a8b9c0d1e2f");
        assertThat(m.name()).isEqualTo("ssh_shell");
        assertThat(m.status()).isEqualTo("experimental");
        assertThat(m.description()).isEqualTo("Detects a shell spawned through ssh options");
        assertThat(m.license()).isEqualTo("DRL-1.1");
        assertThat(m.references()).containsExactly("https://gtfobins.github.io/gtfobins/ssh/");
        assertThat(m.author()).isEqualTo("Detection Hub");
        assertThat(m.tags()).containsExactly("attack.execution", "attack.t1059");
        assertThat(m.level()).isEqualTo("high");
        assertThat(m.falsepositives()).containsExactly("Administrators");
        assertThat(m.fields()).containsExactly("CommandLine");
        assertThat(m.related()).containsExactly(new RelatedRule("0b6ec5c9-3b8f-4a7e-9c45-9f1c9d4b7e11", "derived"));
        assertThat(m.custom()).containsOnlyKeys("simulation", "regression_tests_path");
        assertThat(m.custom().get("simulation"))
                .isEqualTo(List.of(Map.of("type", "atomic-red-team", "name", "ssh shell")));
    }

    @Test
    void keepsDatesAsWrittenInsteadOfConvertingThem() {
        RuleMetadata m = parser.parseRule(TestYaml.read("full_rule.yml")).metadata();
        assertThat(m.date()).isEqualTo("2023-01-01");
        assertThat(m.modified()).isEqualTo("2024/02/03");
    }

    @Test
    void dateLikeValuesInCustomAttributesAndDetectionsStayText() {
        SigmaRule rule = parser.parseRule("""
                title: t
                reviewed: 2023-05-06
                logsource: {product: windows}
                detection:
                    selection:
                        Date: 2023-05-06
                    condition: selection
                """);
        assertThat(rule.metadata().custom()).containsEntry("reviewed", "2023-05-06");
        assertThat(rule.detection().identifier("selection").maps().get(0).items().get(0).values().get(0).asText())
                .isEqualTo("2023-05-06");
    }

    @Test
    void lowerCasesLogSourceRoutingAttributes() {
        LogSource logSource = parser.parseRule(TestYaml.read("full_rule.yml")).logsource();
        assertThat(logSource).isEqualTo(new LogSource("process_creation", "linux", null,
                "Requires auditd EXECVE records"));
    }

    @Test
    void listAttributesAcceptASingleText() {
        RuleMetadata m = parser.parseRule("""
                title: t
                tags: attack.t1059
                references: https://example.com
                fields: CommandLine
                logsource: {product: windows}
                detection: {selection: {a: b}, condition: selection}
                """).metadata();
        assertThat(m.tags()).containsExactly("attack.t1059");
        assertThat(m.references()).containsExactly("https://example.com");
        assertThat(m.fields()).containsExactly("CommandLine");
    }

    @Test
    void reportsEveryProblemOfARuleWithItsLine() {
        assertThatThrownBy(() -> parser.parse(TestYaml.read("many_problems.yml")))
                .isInstanceOfSatisfying(SigmaValidationException.class, e -> assertThat(e.problems())
                        .extracting(SigmaProblem::line, SigmaProblem::path, SigmaProblem::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, "title",
                                        "'title' is missing: every Sigma rule needs a short title"),
                                org.assertj.core.groups.Tuple.tuple(1, "status", "'stable-ish' is not a valid status; "
                                        + "use one of stable, test, experimental, deprecated, unsupported"),
                                org.assertj.core.groups.Tuple.tuple(6, "detection.selection.CommandLine|contians",
                                        "unknown modifier 'contians' in 'CommandLine|contians' (did you mean "
                                                + "'contains'?)"),
                                org.assertj.core.groups.Tuple.tuple(7, "detection.selection.Image|endswith|all",
                                        "'all' needs a list of at least two values in 'Image|endswith|all'; with a "
                                                + "single value, remove '|all'"),
                                org.assertj.core.groups.Tuple.tuple(9, "detection.filter.Path",
                                        "'Path' has an empty list of values; give at least one value (or null to "
                                                + "match a missing field)"),
                                org.assertj.core.groups.Tuple.tuple(10, "detection.condition",
                                        "unknown search identifier 'filtr' (did you mean 'filter'?) (in condition "
                                                + "'selection and not filtr')"),
                                org.assertj.core.groups.Tuple.tuple(11, "level", "'severe' is not a valid level; use "
                                        + "one of informational, low, medium, high, critical"),
                                org.assertj.core.groups.Tuple.tuple(13, "tags",
                                        "'tags' must be a text or a list of texts, not a map")));
    }

    @Test
    void reportsColumnsOfProblems() {
        SigmaValidationException e = problems("""
                title: t
                logsource: {product: windows}
                detection:
                    selection:
                        Image|foo: x
                    condition: selection
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(9);
        });
    }

    @Test
    void rejectsWrongMetadataTypes() {
        SigmaValidationException e = problems("""
                title: [a, b]
                author: {name: x}
                falsepositives:
                    - {a: b}
                related:
                    - id: abc
                      type: cousin
                    - 42
                logsource: windows
                detection: {selection: {a: b}, condition: selection}
                """);
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(
                "line 1: title: 'title' must be a single text, not a list",
                "line 2: author: 'author' must be a single text, not a map",
                "line 4: falsepositives[0]: each entry of 'falsepositives' must be a text, not a map",
                "line 7: related[0].type: 'cousin' is not a valid relation type; use one of derived, obsolete, merged,"
                        + " renamed, similar",
                "line 8: related[1]: each entry of 'related' must be a map with 'id' and 'type'",
                "line 9: logsource: 'logsource' must be a map with category, product, service or definition, not a "
                        + "single value");
    }

    @Test
    void checksDatesTagsAndLengths() {
        SigmaValidationException e = problems("""
                title: t
                name: %s
                date: 2023-02-30
                modified: last week
                tags:
                    - attack.T1059
                    - execution
                    - attack. t1059
                logsource: {product: windows}
                detection: {selection: {a: b}, condition: selection}
                """.formatted("n".repeat(257)));
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(
                "line 2: name: 'name' is longer than 256 characters",
                "line 3: date: 'date' must be a date written YYYY-MM-DD, not '2023-02-30'",
                "line 4: modified: 'modified' must be a date written YYYY-MM-DD, not 'last week'",
                "line 7: tags[1]: tag 'execution' must be namespace.name without spaces (e.g. attack.execution, "
                        + "attack.t1059.001, cve.2021-44228)",
                "line 8: tags[2]: tag 'attack. t1059' must be namespace.name without spaces (e.g. attack.execution, "
                        + "attack.t1059.001, cve.2021-44228)");
    }

    @Test
    void requiresLogsourceAndDetectionCondition() {
        SigmaValidationException e = problems("""
                title: t
                detection:
                    selection:
                        a: b
                """);
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly(
                "'logsource' is missing: say which events the rule applies to (category, product, service)",
                "'condition' is missing: say which search identifiers must match (e.g. 'condition: selection')");
    }

    @Test
    void rejectsADocumentThatIsNoSigmaKind() {
        SigmaValidationException e = problems("""
                title: t
                logsource: {product: windows}
                """);
        assertThat(e.problems()).extracting(SigmaProblem::message).containsExactly("not a Sigma document: a rule "
                + "needs a 'detection' section (a correlation rule a 'correlation' section, a filter a 'filter' "
                + "section)");
    }

    @Test
    void rejectsAnEmptyId() {
        SigmaValidationException e = problems("""
                title: t
                id:
                logsource: {product: windows}
                detection: {selection: {a: b}, condition: selection}
                """);
        assertThat(e.problems()).extracting(SigmaProblem::toString)
                .containsExactly("line 2: id: 'id' is empty: remove it (one is generated) or give a UUID");
    }

    @Test
    void validateListsProblemsWithoutThrowing() {
        assertThat(parser.validate(TestYaml.read("full_rule.yml"))).isEmpty();
        assertThat(parser.validate(TestYaml.read("many_problems.yml"))).hasSize(8);
    }

    @Test
    void parseRuleRejectsOtherKinds() {
        assertThatThrownBy(() -> parser.parseRule(TestYaml.read("filter_document.yml")))
                .isInstanceOf(SigmaValidationException.class)
                .hasMessage("expected exactly one detection rule, found 0 rule(s), 0 correlation(s) and 1 filter(s)");
    }

    private SigmaValidationException problems(String yaml) {
        try {
            parser.parse(yaml);
        } catch (SigmaValidationException e) {
            return e;
        }
        throw new AssertionError("expected validation problems");
    }
}
