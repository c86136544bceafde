package io.detectionhub.ruletests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import io.detectionhub.sigma.parser.SafeYaml;

/**
 * Exemplar events other tools embed in a rule, turned into test cases (origin {@code embedded}): a block of events
 * the rule must match and a block it must not match. The blocks read (docs/rule-tests.md lists them):
 * <ul>
 *     <li>{@code testcases:} at the top of the rule, as sigma-test (bradleyjkemp/sigma-test) writes it, with
 *     {@code match:} and {@code dont-match:} lists of events;</li>
 *     <li>{@code test_events:} at the top, the same shape;</li>
 *     <li>{@code custom_attributes:} (pySigma's name for a rule's extra attributes) holding {@code testcases:},
 *     {@code test_events:} or {@code tests:} of that shape, or the {@code match:} / {@code no_match:} lists directly.</li>
 * </ul>
 * A must-match list becomes one case in which every event must match; a must-not-match list one case in which none may.
 * Pure: the caller stores the drafts.
 */
public final class EmbeddedTests {

    /** Events of one embedded list at most. */
    static final int MAX_EVENTS = 200;

    static final Set<String> MATCH_KEYS = Set.of("match", "matches", "should_match", "must_match", "positive");
    static final Set<String> NO_MATCH_KEYS = Set.of("dont-match", "dont_match", "no-match", "no_match", "nomatch",
            "should_not_match", "must_not_match", "negative");
    private static final List<String> BLOCKS = List.of("testcases", "test_events", "tests");

    /** Whether a rule's text may hold embedded events (a cheap test before parsing it). */
    static boolean mayHold(String yaml) {
        return yaml != null && (yaml.contains("testcases") || yaml.contains("test_events")
                || yaml.contains("custom_attributes"));
    }

    /** The cases made and the problems with what was embedded (an event that is not a map, a list too long). */
    public record Result(List<RuleTestDraft> cases, List<String> problems) {
        public Result {
            cases = List.copyOf(cases);
            problems = List.copyOf(problems);
        }
    }

    private EmbeddedTests() {
    }

    public static Result fromRule(String ruleYaml) {
        List<RuleTestDraft> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Object> rule;
        try {
            rule = SafeYaml.firstMap(ruleYaml);
        } catch (IllegalArgumentException e) {
            return new Result(cases, List.of("The rule is not usable YAML: " + e.getMessage()));
        }
        if (rule == null) {
            return new Result(cases, problems);
        }
        for (String key : List.of("testcases", "test_events")) {
            if (rule.get(key) instanceof Map<?, ?> block) {
                read(block, key, cases, problems);
            }
        }
        if (rule.get("custom_attributes") instanceof Map<?, ?> custom) {
            boolean found = false;
            for (String key : BLOCKS) {
                if (custom.get(key) instanceof Map<?, ?> block) {
                    read(block, "custom_attributes." + key, cases, problems);
                    found = true;
                }
            }
            if (!found) {
                read(custom, "custom_attributes", cases, problems);
            }
        }
        return new Result(cases, problems);
    }

    /**
     * The events as JSON values: YAML timestamps (unquoted {@code 2024-01-01 10:00:00}) as ISO-8601 text, as an event
     * file would carry them, not as epoch numbers.
     */
    static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(EmbeddedTests::plain).toList();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        return value;
    }

    private static void read(Map<?, ?> block, String where, List<RuleTestDraft> cases, List<String> problems) {
        for (Map.Entry<?, ?> e : block.entrySet()) {
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            boolean match = MATCH_KEYS.contains(key);
            if (!match && !NO_MATCH_KEYS.contains(key)) {
                continue;
            }
            String source = where + "." + e.getKey();
            List<?> events = e.getValue() instanceof List<?> l ? l : e.getValue() == null ? List.of()
                    : List.of(e.getValue());
            if (events.isEmpty()) {
                continue;
            }
            if (events.size() > MAX_EVENTS) {
                problems.add(source + ": more than " + MAX_EVENTS + " events; not imported");
                continue;
            }
            if (!events.stream().allMatch(ev -> ev instanceof Map<?, ?> m && !m.isEmpty())) {
                problems.add(source + ": every event must be a map of fields to values; not imported");
                continue;
            }
            String text = RuleTestService.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plain(events));
            if (text.length() > RuleTestDraft.MAX_EVENTS_CHARS) {
                problems.add(source + ": larger than " + RuleTestDraft.MAX_EVENTS_CHARS + " characters; not imported");
                continue;
            }
            String name = "Embedded: " + (match ? "must match" : "must not match") + " (" + source + ")";
            if (cases.stream().anyMatch(c -> c.name().equals(name))) {
                continue;
            }
            Expectation expectation = match
                    ? new Expectation(Expectation.Kind.MATCH, null, IntStream.rangeClosed(1, events.size()).boxed()
                    .toList(), null)
                    : Expectation.MUST_NOT_MATCH;
            cases.add(new RuleTestDraft(name.length() > 200 ? name.substring(0, 200) : name, text, "json", null,
                    expectation, "embedded", source));
        }
    }
}
