package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.List;

import io.detectionhub.sigma.model.SigmaString.Part;
import io.detectionhub.sigma.model.SigmaString;

/**
 * Turns a plain Sigma value into {@link SigmaString} parts. A backslash escapes only {@code *}, {@code ?} and another
 * backslash; any other backslash is a literal character ({@code C:\Windows} needs no doubling). With the
 * {@code expand} modifier, {@code %name%} becomes a placeholder and {@code \%} is a literal percent sign (the
 * specification's {@code \%plain%name%} is the text {@code %plain} followed by the placeholder {@code name}).
 */
public final class SigmaStrings {

    private SigmaStrings() {
    }

    /** Parses wildcards and escapes of {@code text}. */
    public static SigmaString parse(String text) {
        return parse(text, false);
    }

    /** Parses wildcards and escapes of {@code text}, and {@code %name%} placeholders when {@code placeholders}. */
    public static SigmaString parse(String text, boolean placeholders) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()
                    && (isEscapable(text.charAt(i + 1)) || placeholders && text.charAt(i + 1) == '%')) {
                literal.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? new SigmaString.AnyChars() : new SigmaString.AnyChar());
                i++;
                continue;
            }
            if (placeholders && c == '%') {
                int end = placeholderEnd(text, i);
                if (end > 0) {
                    flush(literal, parts);
                    parts.add(new SigmaString.Placeholder(text.substring(i + 1, end)));
                    i = end + 1;
                    continue;
                }
            }
            literal.append(c);
            i++;
        }
        flush(literal, parts);
        return new SigmaString(text, parts);
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    /** The index of the closing {@code %} of a placeholder starting at {@code start}, or -1. */
    private static int placeholderEnd(String text, int start) {
        int j = start + 1;
        while (j < text.length() && isNameChar(text.charAt(j))) {
            j++;
        }
        return j > start + 1 && j < text.length() && text.charAt(j) == '%' ? j : -1;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new SigmaString.Literal(literal.toString()));
            literal.setLength(0);
        }
    }
}
