package io.detectionhub.library.exceptions;

import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.parser.SigmaParser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tuning exception of a rule: a Sigma filter document (title, id, the rule's logsource, {@code filter:} with
 * {@code rules: [ruleId]}, selections and {@code condition: not ...}) and who wrote it, why, until when and for which
 * ticket. {@code id} is the filter document's Sigma id (a UUID). {@code expires} is the first day on which the
 * exception no longer applies (null: never); {@code ticket} may be null.
 */
public record RuleException(String id, String ruleId, String title, String yaml, String author, String reason,
                            LocalDate expires, String ticket, Instant createdAt, Instant updatedAt, long version) {

    private static final SigmaParser PARSER = new SigmaParser();
    /** Parsed documents by text: evaluation and translation ask for the filters of the same exceptions again and again. */
    private static final Map<String, SigmaFilter> PARSED = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SigmaFilter> eldest) {
                    return size() > 2_000;
                }
            });

    /** Whether the exception no longer applies on {@code day}: it stops applying ON its expiry date. */
    public boolean expiredOn(LocalDate day) {
        return expires != null && !day.isBefore(expires);
    }

    /** The parsed filter document (stored documents were validated when written, so this does not fail). */
    public SigmaFilter filter() {
        return PARSED.computeIfAbsent(yaml, text -> PARSER.parse(text).filters().get(0));
    }
}
