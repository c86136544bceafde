package io.detectionhub.sigma.evaluation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads event timestamps: ISO-8601 with or without offset ({@code T} or a space between date and time, 0-9
 * fraction digits, as Sysmon's {@code UtcTime} and evtx {@code SystemTime} write them), and epoch numbers in
 * seconds, milliseconds or microseconds. Times without an offset are UTC.
 */
public final class TimestampParser {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter();

    private static final DateTimeFormatter WITH_COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private TimestampParser() {
    }

    /** The instant, or null when the text is not a timestamp. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        if (isDigits(t)) {
            return fromEpoch(t);
        }
        if (t.length() < 16 || !Character.isDigit(t.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t, WITH_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(t, WITH_COMPACT_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // try without offset
        }
        try {
            return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The date-time as written (offset ignored), for the time-part modifiers; null when not a timestamp. */
    public static LocalDateTime parseLocal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (isDigits(t)) {
            Instant i = fromEpoch(t);
            return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (t.length() < 16 || t.length() > 64 || !Character.isDigit(t.charAt(0))) {
            return null;
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {WITH_OFFSET, WITH_COMPACT_OFFSET}) {
            try {
                return OffsetDateTime.parse(t, f).toLocalDateTime();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        try {
            return LocalDateTime.parse(t, LOCAL);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isDigits(String t) {
        if (t.isEmpty() || t.length() > 19) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Instant fromEpoch(String digits) {
        long v = Long.parseLong(digits);
        if (v < 100_000_000_000L) {
            return Instant.ofEpochSecond(v);
        }
        if (v < 100_000_000_000_000L) {
            return Instant.ofEpochMilli(v);
        }
        return Instant.ofEpochSecond(v / 1_000_000, (v % 1_000_000) * 1000);
    }
}
