package io.detectionhub.ruletests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule's test cases as one canonical JSON document: an array of {@code {name, events, format, schema, expectation:
 * {kind, atLeast, events, alerts}, origin, source}} by name, pretty-printed, without ids, versions or who and when.
 * The same text is the export's {@code <rule path>.tests.json} sidecar, what the import reads back, and the "tests"
 * part of a rule revision, so a revision diff and an export show the same thing.
 */
public final class RuleTestsJson {

    /** Cases in one document at most (a rule's own limit). */
    static final int MAX_CASES = RuleTestService.MAX_CASES_PER_RULE;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The cases read, and one problem per entry that could not be (the others are still read). */
    public record Read(List<RuleTestDraft> cases, List<String> problems) {
        public Read {
            cases = List.copyOf(cases);
            problems = List.copyOf(problems);
        }
    }

    private RuleTestsJson() {
    }

    /** The cases by name as pretty JSON; {@code []} when there are none. */
    public static String write(List<RuleTestDraft> cases) {
        if (cases.isEmpty()) {
            return "[]";
        }
        return JSON.writeValueAsString(cases.stream().sorted(Comparator.comparing(RuleTestDraft::name)).toList());
    }

    public static Read read(String json) {
        List<RuleTestDraft> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return new Read(cases, List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isArray()) {
            return new Read(cases, List.of("not a JSON array of test cases"));
        }
        if (root.size() > MAX_CASES) {
            return new Read(cases, List.of("more than " + MAX_CASES + " test cases"));
        }
        int n = 0;
        for (JsonNode entry : root) {
            n++;
            try {
                cases.add(JSON.treeToValue(entry, RuleTestDraft.class));
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String label = entry.hasNonNull("name") ? "'" + entry.get("name").asString() + "'" : "#" + n;
                problems.add("test case " + label + ": " + (cause instanceof JacksonException j
                        ? j.getOriginalMessage() : cause.getMessage()));
            }
        }
        return new Read(cases, problems);
    }
}
