package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invalid detections: each case is a detection body (its first line is line 5 of the rule), the expected line and
 * the expected problem texts ({@code line N: path: message}, several joined by {@code " && "}).
 */
class DetectionValidationTest {

    private final SigmaParser parser = new SigmaParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            "sel: {CommandLine|contians: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contians: unknown modifier 'contians' in 'CommandLine|contians' (did you mean 'contains'?)"
            "sel: {CommandLine|contains|all: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains|all: 'all' needs a list of at least two values in 'CommandLine|contains|all'; with a single value, remove '|all'"
            "sel: {CommandLine|contains|all: [x]}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains|all: 'all' needs a list of at least two values in 'CommandLine|contains|all'; with a single value, remove '|all'"
            "sel: {Image|exists: yes please}\\ncondition: sel" ~ "line 5: detection.sel.Image|exists: 'exists' needs true or false in 'Image|exists'"
            "sel: {Image|exists|contains: true}\\ncondition: sel" ~ "line 5: detection.sel.Image|exists|contains: 'exists' cannot be combined with other modifiers in 'Image|exists|contains'"
            "sel: {Count|gt: many}\\ncondition: sel" ~ "line 5: detection.sel.Count|gt: 'gt' needs numbers in 'Count|gt'"
            "sel: {Count|gt|lt: 5}\\ncondition: sel" ~ "line 5: detection.sel.Count|gt|lt: only one of lt, lte, gt, gte can be used in 'Count|gt|lt'; use two items of the same selection for a range"
            "sel: {Ip|cidr: 10.0.0.0/33}\\ncondition: sel" ~ "line 5: detection.sel.Ip|cidr: '10.0.0.0/33' is not a valid IPv4 or IPv6 CIDR network in 'Ip|cidr' (e.g. 10.0.0.0/8 or fe80::/10)"
            "sel: {Ip|cidr: 'fe80:::1/64'}\\ncondition: sel" ~ "line 5: detection.sel.Ip|cidr: 'fe80:::1/64' is not a valid IPv4 or IPv6 CIDR network in 'Ip|cidr' (e.g. 10.0.0.0/8 or fe80::/10)"
            "sel: {Ip|cidr|contains: 10.0.0.0/8}\\ncondition: sel" ~ "line 5: detection.sel.Ip|cidr|contains: 'cidr' cannot be combined with 'contains' in 'Ip|cidr|contains'"
            "sel: {CommandLine|i: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|i: the regular expression flag 'i' must follow 're' in 'CommandLine|i' (e.g. 'Field|re|i')"
            "sel: {CommandLine|i|re: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|i|re: the regular expression flag 'i' must follow 're' in 'CommandLine|i|re' (e.g. 'Field|re|i')"
            "sel: {CommandLine|re|contains: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|re|contains: 're' cannot be combined with 'contains' in 'CommandLine|re|contains'; a regular expression is not anchored, so it already matches anywhere (use ^ and $ to anchor it)"
            "sel: {CommandLine|re|windash: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|re|windash: 're' cannot be combined with 'windash' in 'CommandLine|re|windash'"
            "sel: {CommandLine|re: 'a(b'}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|re: invalid regular expression in 'CommandLine|re': missing closing ) at 'a(b'"
            "sel: {CommandLine|re: 'x{2,1}'}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|re: invalid regular expression in 'CommandLine|re': invalid repeat count at '{2,1}'"
            "sel: {CommandLine|contains|startswith: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains|startswith: 'contains' and 'startswith' cannot be combined in 'CommandLine|contains|startswith'; use a wildcard ('*') in the value instead"
            "sel: {CommandLine|contains|contains: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains|contains: modifier 'contains' is repeated in 'CommandLine|contains|contains'"
            "sel: {CommandLine|contains|base64: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains|base64: 'contains' must come after the encoding modifiers in 'CommandLine|contains|base64' (e.g. 'Field|base64offset|contains')"
            "sel: {CommandLine|base64|base64offset: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|base64|base64offset: 'base64' and 'base64offset' cannot be combined in 'CommandLine|base64|base64offset'"
            "sel: {CommandLine|base64offset|wide|contains: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|base64offset|wide|contains: 'wide' must come before 'base64offset' in 'CommandLine|base64offset|wide|contains'"
            "sel: {CommandLine|wide|utf16be: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|wide|utf16be: 'wide' and 'utf16be' cannot be combined in 'CommandLine|wide|utf16be'"
            "sel: {CommandLine|wide|contains|base64: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|wide|contains|base64: 'contains' must come after the encoding modifiers in 'CommandLine|wide|contains|base64' (e.g. 'Field|base64offset|contains')"
            "sel: {CommandLine|base64: 'a*b'}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|base64: 'a*b' has a wildcard, which base64 cannot encode in 'CommandLine|base64'; escape it (\\*, \\?) to mean the character itself"
            "sel: {CommandLine|wide|base64offset|contains: ['x', 'ab?']}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|wide|base64offset|contains[1]: 'ab?' has a wildcard, which base64 cannot encode in 'CommandLine|wide|base64offset|contains'; escape it (\\*, \\?) to mean the character itself"
            "sel: {CommandLine||contains: x}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine||contains: empty modifier in 'CommandLine||contains' (two '|' in a row or a trailing '|')"
            "sel: {'|cidr': 10.0.0.0/8}\\ncondition: sel" ~ "line 5: detection.sel.|cidr: modifier 'cidr' needs a field name in '|cidr'"
            "sel: {User|fieldref|re: x}\\ncondition: sel" ~ "line 5: detection.sel.User|fieldref|re: 're' cannot be combined with 'fieldref' in 'User|fieldref|re'"
            "sel: {CommandLine|contains: null}\\ncondition: sel" ~ "line 5: detection.sel.CommandLine|contains: null cannot be used in 'CommandLine|contains'; null only means 'field is missing or empty' without modifiers"
            "sel: {Path: []}\\ncondition: sel" ~ "line 5: detection.sel.Path: 'Path' has an empty list of values; give at least one value (or null to match a missing field)"
            "sel:\\n  Path:\\n    Sub: x\\ncondition: sel" ~ "line 7: detection.sel.Path: the value of 'Path' is a map; a value must be a single value or a list of values (check the indentation)"
            "sel:\\n  Path:\\n    - [a, b]\\ncondition: sel" ~ "line 7: detection.sel.Path[0]: a value must be a text, number, boolean or null, not a nested list (in 'Path')"
            "sel:\\n  Path:\\n    - {a: b}\\ncondition: sel" ~ "line 7: detection.sel.Path[0]: a value must be a text, number, boolean or null, not a map (in 'Path')"
            "sel: []\\ncondition: sel" ~ "line 5: detection.sel: search identifier 'sel' is an empty list"
            "sel:\\ncondition: sel" ~ "line 5: detection.sel: search identifier 'sel' is empty"
            "sel: {}\\ncondition: sel" ~ "line 5: detection.sel: empty map: a selection needs at least one 'field: value'"
            "sel:\\n  - {a: b}\\n  - keyword\\ncondition: sel" ~ "line 6: detection.sel: search identifier 'sel' mixes maps (field: value) and plain keywords in one list; put keywords in a search identifier of their own"
            "sel:\\n  - null\\ncondition: sel" ~ "line 6: detection.sel[0]: null cannot be used as a keyword"
            "condition: sel" ~ "line 5: detection: no search identifier: define at least one selection (e.g. 'selection:') besides 'condition' && line 5: detection.condition: unknown search identifier 'sel' (in condition 'sel')"
            "sel: {a: b}\\ncondition: {x: y}" ~ "line 6: detection.condition: 'condition' must be a text such as 'selection and not filter', not a map"
            "sel: {a: b}\\ntimeframe: [1]\\ncondition: sel" ~ "line 6: detection.timeframe: 'timeframe' must be a duration such as 5m"
            """)
    void reportsInvalidDetections(String detection, String expected) {
        SigmaValidationException e = catchThrowableOfType(SigmaValidationException.class,
                () -> parser.parse(TestYaml.rule(detection.replace("\\n", "\n"))));
        assertThat(e).as("expected a validation problem").isNotNull();
        assertThat(e.problems()).extracting(SigmaProblem::toString).containsExactly(expected.split(" && "));
    }
}
