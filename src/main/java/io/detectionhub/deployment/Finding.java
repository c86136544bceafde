package io.detectionhub.deployment;

/**
 * One thing the validator or builder found about a rule's export: an {@code error} stops the export (the file would be
 * refused by Sentinel, Defender or the Azure-Sentinel repository's checks), a {@code warning} does not.
 *
 * @param field   the property concerned, as the export names it ({@code queryPeriod}, {@code entityMappings})
 * @param message what is wrong and how to fix it, for a person
 */
public record Finding(Level level, String field, String message) {

    public enum Level { ERROR, WARNING }

    static Finding error(String field, String message) {
        return new Finding(Level.ERROR, field, message);
    }

    static Finding warning(String field, String message) {
        return new Finding(Level.WARNING, field, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + " " + field + ": " + message;
    }
}
