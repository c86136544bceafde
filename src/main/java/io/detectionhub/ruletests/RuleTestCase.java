package io.detectionhub.ruletests;

import java.time.Instant;

/**
 * A stored test case of a rule: its name, the sample events as given ({@code format}: auto, json, ndjson or csv; in
 * Sigma field names or in the KQL target {@code schema}), the expectation, where it came from ({@code origin}: manual,
 * generated, sigmahq, embedded; {@code source}: e.g. the regression sample's path) and its version (ETag).
 */
public record RuleTestCase(long id, String ruleId, String name, String events, String format, String schema,
                           Expectation expectation, String origin, String source, long version, Instant createdAt,
                           String createdBy, Instant updatedAt, String updatedBy) {

    /** The case as a draft (for an edit form, a copy). */
    public RuleTestDraft draft() {
        return new RuleTestDraft(name, events, format, schema, expectation, origin, source);
    }
}
