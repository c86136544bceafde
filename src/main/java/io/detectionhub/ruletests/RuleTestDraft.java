package io.detectionhub.ruletests;

import java.util.Locale;
import java.util.Set;

import io.detectionhub.web.BadRequestException;

/**
 * A test case as a client gives it (created or replaced) or as it is proposed (generated, imported): name, events,
 * their format and schema, the expectation, and its origin ({@code manual} unless said otherwise) with a source.
 */
public record RuleTestDraft(String name, String events, String format, String schema, Expectation expectation,
                            String origin, String source) {

    /** Sample events of one test case at most, in characters. */
    public static final int MAX_EVENTS_CHARS = 1_000_000;
    public static final Set<String> FORMATS = Set.of("auto", "json", "ndjson", "csv");
    public static final Set<String> ORIGINS = Set.of("manual", "generated", "sigmahq", "embedded");

    public RuleTestDraft {
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new BadRequestException("A test case needs a name of 1 to 200 characters");
        }
        if (events == null || events.isBlank()) {
            throw new BadRequestException("A test case needs at least one event");
        }
        if (events.length() > MAX_EVENTS_CHARS) {
            throw new BadRequestException("The events of a test case are limited to " + MAX_EVENTS_CHARS
                    + " characters");
        }
        format = format == null || format.isBlank() ? "auto" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new BadRequestException("format must be one of auto, json, ndjson, csv");
        }
        schema = schema == null || schema.isBlank() || schema.equalsIgnoreCase("sigma") ? null : schema.strip();
        if (expectation == null) {
            throw new BadRequestException("A test case needs an expectation (match, no-match or alerts)");
        }
        origin = origin == null || origin.isBlank() ? "manual" : origin.strip().toLowerCase(Locale.ROOT);
        if (!ORIGINS.contains(origin)) {
            throw new BadRequestException("origin must be one of manual, generated, sigmahq, embedded");
        }
        source = source == null || source.isBlank() ? null : source.strip();
        if (source != null && source.length() > 1000) {
            throw new BadRequestException("source is limited to 1000 characters");
        }
    }
}
