package io.detectionhub.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A point in time as people type it in a form or query: a date ({@code 2026-12-01}, its start in UTC) or an instant.
 */
public final class DateOrInstant {

    private DateOrInstant() {
    }

    /**
     * @return the instant, or {@code null} for a blank value
     * @throws java.time.format.DateTimeParseException when it is neither
     */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    }
}
