package io.detectionhub.deployment;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Schedule durations: read as {@code 5m}, {@code 1h}, {@code 2d} or ISO 8601; written in both forms. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,5})([mhd])");

    private Durations() {
    }

    /** @return null for null or blank; @throws IllegalArgumentException for text that is no duration */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not a duration such as 5m, 1h, 2d or PT1H");
        }
    }

    /** ISO 8601 as ARM templates write it: {@code PT5M}, {@code PT1H}, {@code P1D}, {@code PT1H30M}. */
    static String iso(Duration d) {
        long minutes = d.toMinutes();
        if (minutes > 0 && minutes % 1440 == 0) {
            return "P" + minutes / 1440 + "D";
        }
        StringBuilder sb = new StringBuilder("PT");
        if (minutes >= 60) {
            sb.append(minutes / 60).append('H');
        }
        if (minutes % 60 != 0 || minutes == 0) {
            sb.append(minutes % 60).append('M');
        }
        return sb.toString();
    }

    /** The Azure-Sentinel repository's form: {@code 5m}, {@code 1h}, {@code 1d}, {@code 90m}. */
    static String compact(Duration d) {
        long minutes = d.toMinutes();
        if (minutes > 0 && minutes % 1440 == 0) {
            return minutes / 1440 + "d";
        }
        if (minutes > 0 && minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}
