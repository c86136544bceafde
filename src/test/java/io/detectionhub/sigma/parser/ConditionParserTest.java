package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.Condition.And;
import io.detectionhub.sigma.model.Condition.Identifier;
import io.detectionhub.sigma.model.Condition.Not;
import io.detectionhub.sigma.model.Condition.OfPattern;
import io.detectionhub.sigma.model.Condition.Or;
import io.detectionhub.sigma.model.Condition.Quantifier;
import io.detectionhub.sigma.model.SigmaRule;

class ConditionParserTest {

    private static final List<String> NAMES = List.of("selection", "selection_img", "selection_cli", "filter_main",
            "filter_optional", "_helper", "keywords");

    private static Identifier id(String name) {
        return new Identifier(name);
    }

    private static Condition parse(String text) {
        ConditionParser.Result result = ConditionParser.parse(text, NAMES);
        assertThat(result.errors()).isEmpty();
        return result.condition().orElseThrow();
    }

    private static List<ConditionParser.Error> errors(String text) {
        ConditionParser.Result result = ConditionParser.parse(text, NAMES);
        assertThat(result.condition()).isEmpty();
        return result.errors();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(parse("selection or not keywords and filter_main")).isEqualTo(
                new Or(List.of(id("selection"), new And(List.of(new Not(id("keywords")), id("filter_main"))))));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(parse("(selection or keywords) and not (filter_main or filter_optional)")).isEqualTo(
                new And(List.of(new Or(List.of(id("selection"), id("keywords"))),
                        new Not(new Or(List.of(id("filter_main"), id("filter_optional")))))));
    }

    @Test
    void flattensChainsOfTheSameOperator() {
        assertThat(parse("selection and keywords and filter_main")).isEqualTo(
                new And(List.of(id("selection"), id("keywords"), id("filter_main"))));
        assertThat(parse("selection or (keywords or filter_main) or filter_optional")).isEqualTo(
                new Or(List.of(id("selection"), id("keywords"), id("filter_main"), id("filter_optional"))));
        assertThat(parse("((selection))")).isEqualTo(id("selection"));
        assertThat(parse("not not selection")).isEqualTo(new Not(new Not(id("selection"))));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("selection AND Not keywords OR filter_main")).isEqualTo(
                new Or(List.of(new And(List.of(id("selection"), new Not(id("keywords")))), id("filter_main"))));
        assertThat(parse("ALL OF selection_* And 1 Of Them")).isInstanceOf(And.class);
    }

    @Test
    void resolvesQuantifiedPatterns() {
        assertThat(parse("1 of selection_*")).isEqualTo(
                new OfPattern(Quantifier.ANY, "selection_*", List.of("selection_img", "selection_cli")));
        assertThat(parse("any of filter_*")).isEqualTo(
                new OfPattern(Quantifier.ANY, "filter_*", List.of("filter_main", "filter_optional")));
        assertThat(parse("all of selection*")).isEqualTo(
                new OfPattern(Quantifier.ALL, "selection*", List.of("selection", "selection_img", "selection_cli")));
        assertThat(parse("1 of *_main")).isEqualTo(new OfPattern(Quantifier.ANY, "*_main", List.of("filter_main")));
        assertThat(parse("all of selection_img")).isEqualTo(
                new OfPattern(Quantifier.ALL, "selection_img", List.of("selection_img")));
    }

    @Test
    void themExcludesUnderscoreIdentifiers() {
        assertThat(parse("all of them")).isEqualTo(new OfPattern(Quantifier.ALL, "them", List.of("selection",
                "selection_img", "selection_cli", "filter_main", "filter_optional", "keywords")));
        assertThat(parse("1 of _h*")).isEqualTo(new OfPattern(Quantifier.ANY, "_h*", List.of("_helper")));
    }

    @Test
    void quantifiersCombineWithOperators() {
        assertThat(parse("all of selection_* and not 1 of filter_*")).isEqualTo(new And(List.of(
                new OfPattern(Quantifier.ALL, "selection_*", List.of("selection_img", "selection_cli")),
                new Not(new OfPattern(Quantifier.ANY, "filter_*", List.of("filter_main", "filter_optional"))))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            selection and not fliter_main ~ 18 ~ unknown search identifier 'fliter_main' (did you mean 'filter_main'?)
            selection and nothing_close   ~ 14 ~ unknown search identifier 'nothing_close'
            1 of process_*                ~ 5  ~ the pattern 'process_*' matches no search identifier
            selection_*                   ~ 0  ~ the pattern 'selection_*' can only be used after '1 of' or 'all of'
            (selection and keywords       ~ 0  ~ unbalanced parentheses: '(' is never closed
            selection and keywords)       ~ 22 ~ unbalanced parentheses: ')' without a matching '('
            selection keywords            ~ 10 ~ unexpected 'keywords' after a complete condition (missing 'and' or 'or'?)
            selection and                 ~ 13 ~ the condition ends too early: an identifier or '(' is missing at the end
            selection and or keywords     ~ 14 ~ unexpected 'or': an identifier, 'not', '1 of', 'all of' or '(' is expected here
            2 of selection_*              ~ 0  ~ '2 of' is not supported: use '1 of' (any) or 'all of'
            all selection_*               ~ 4  ~ 'all' must be followed by 'of' (e.g. 'all of selection_*')
            1 of                          ~ 4  ~ '1 of' needs 'them' or an identifier pattern such as 'selection_*'
            them                          ~ 0  ~ 'them' must follow '1 of' or 'all of'
            selection and ()              ~ 15 ~ empty parentheses '()'
            selection | count() > 5       ~ 10 ~ '| count() > 5' is the deprecated aggregation syntax, which is no longer part of Sigma; express counts with a correlation rule (a separate YAML document with a 'correlation' section)
            selection | count(User) by Computer > 5 ~ 10 ~ '| count(User) by Computer > 5' is the deprecated aggregation syntax, which is no longer part of Sigma; express counts with a correlation rule (a separate YAML document with a 'correlation' section)
            """)
    void reportsErrorsWithTheirOffset(String text, int offset, String message) {
        assertThat(errors(text)).containsExactly(new ConditionParser.Error(offset, message));
    }

    @Test
    void reportsEveryUnknownIdentifier() {
        assertThat(errors("sel1 or sel2")).extracting(ConditionParser.Error::message).containsExactly(
                "unknown search identifier 'sel1'", "unknown search identifier 'sel2'");
    }

    @Test
    void anEmptyConditionIsAnError() {
        assertThat(errors("   ")).extracting(ConditionParser.Error::message).containsExactly("the condition is empty");
    }

    @Test
    void aListOfConditionsMeansAnyOfThem() {
        SigmaRule rule = new SigmaParser().parseRule(TestYaml.rule("""
                selection: {a: 1}
                keywords: [x]
                condition:
                    - selection
                    - keywords
                """));
        assertThat(rule.detection().conditionTexts()).containsExactly("selection", "keywords");
        assertThat(rule.detection().condition()).isEqualTo(new Or(List.of(id("selection"), id("keywords"))));
    }

    @Test
    void placesConditionErrorsOnTheirColumn() {
        SigmaValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                SigmaValidationException.class, () -> new SigmaParser().parse(TestYaml.rule("""
                        selection: {a: 1}
                        condition: 'selection and not filter'
                        """)));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.column()).isEqualTo(35); // "    condition: '" is 16 characters, "selection and not " 18
            assertThat(p.message()).isEqualTo("unknown search identifier 'filter' (in condition "
                    + "'selection and not filter')");
        });
    }
}
