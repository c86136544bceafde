package io.detectionhub.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What was wrong with a JSON body, in words for the person who sent it: where (the field path, or the line and
 * column) and what was expected there. Jackson's own messages name Java classes and its configuration; none of that
 * is repeated.
 */
public final class JsonProblems {

    /** A Java type name as Jackson quotes it: {@code `java.util.List<java.lang.String>`}. */
    private static final Pattern JAVA_NAME = Pattern.compile("`[^`]*`|\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*");
    private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source:.*$", Pattern.DOTALL);

    private JsonProblems() {
    }

    /** One problem of a JSON body: what, and where (the field path; the line and column when known, else 0). */
    public record Problem(String message, int line, int column, String path) {
    }

    /** The problem of a body that failed to read as JSON; {@code error} is (or wraps) Jackson's exception. */
    public static Problem of(Throwable error) {
        JacksonException jackson = find(error);
        TokenStreamLocation location = jackson == null ? null : jackson.getLocation();
        boolean located = location != null && location.getLineNr() > 0;
        return new Problem(describe(error), located ? location.getLineNr() : 0, located ? location.getColumnNr() : 0,
                path(error));
    }

    /** What {@link #of} says, as one sentence. */
    public static String describe(Throwable error) {
        JacksonException jackson = find(error);
        if (jackson == null) {
            return "The request body is missing or could not be read.";
        }
        String where = where(jackson);
        if (jackson instanceof InvalidFormatException invalid) {
            return quoted(invalid.getValue()) + " is not " + expected(invalid.getTargetType()) + where + ".";
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "Expected " + expected(mismatch.getTargetType()) + where + ".";
        }
        if (jackson instanceof StreamReadException) {
            return "Not valid JSON: " + clean(jackson.getOriginalMessage()) + where + ".";
        }
        if (jackson instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            return "Expected " + expected(instantiation.getType().getRawClass()) + where + ".";
        }
        return "An invalid value" + where + (jackson.getPath().isEmpty() ? " in the JSON body" : "") + ".";
    }

    /** The dotted path of the field at fault ({@code enrichment.tuningGuidance[0]}), or "" at the top level. */
    static String path(Throwable error) {
        JacksonException jackson = find(error);
        if (jackson == null) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(JacksonException jackson) {
        String path = path(jackson);
        if (!path.isEmpty()) {
            return " at " + path;
        }
        TokenStreamLocation location = jackson.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return "";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants()).stream()
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date and time (2026-11-24T12:00:00Z)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a valid value";
    }

    private static String quoted(Object value) {
        String text = value == null ? "null" : RequestText.printable(String.valueOf(value));
        return value instanceof String ? "'" + text + "'" : text;
    }

    /** Jackson's message without its source excerpt and Java type names. */
    private static String clean(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String oneLine = String.join(" ", SOURCE.matcher(message).replaceAll("").lines().map(String::strip).toList());
        String cleaned = JAVA_NAME.matcher(oneLine).replaceAll("a value");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) + "…" : cleaned;
    }

    private static JacksonException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }
}
