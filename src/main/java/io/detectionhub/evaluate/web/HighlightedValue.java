package io.detectionhub.evaluate.web;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.List;
import java.util.Locale;

/**
 * A matched event value split around the part the rule's pattern matched, so a page can mark it. For wildcard
 * patterns the longest literal piece is marked, for {@code re} the regular expression's first match (RE2: linear
 * time); when the matched part cannot be located (encodings, numbers, CIDR, exists) the whole value is marked.
 */
public record HighlightedValue(String before, String hit, String after) {

    private static final int MAX_VALUE_SHOWN = 4000;

    public static HighlightedValue of(String value, String pattern, List<String> modifiers) {
        String text = value == null ? "" : value;
        if (text.length() > MAX_VALUE_SHOWN) {
            text = text.substring(0, MAX_VALUE_SHOWN) + "…";
        }
        if (pattern == null || pattern.isEmpty() || text.isEmpty()) {
            return whole(text);
        }
        List<String> mods = modifiers == null ? List.of() : modifiers;
        if (mods.contains("re")) {
            return regex(text, pattern, mods.contains("i"));
        }
        if (mods.stream().anyMatch(m -> m.startsWith("base64") || m.startsWith("utf16") || m.equals("wide")
                || m.equals("cidr") || m.equals("exists") || m.equals("fieldref") || m.matches("[lg]te?"))) {
            return whole(text);
        }
        String literal = longestLiteral(pattern);
        if (literal.isEmpty()) {
            return whole(text);
        }
        int at = indexOf(text, literal, mods.contains("cased"));
        if (at < 0) {
            return whole(text);
        }
        return new HighlightedValue(text.substring(0, at), text.substring(at, at + literal.length()),
                text.substring(at + literal.length()));
    }

    private static HighlightedValue whole(String text) {
        return new HighlightedValue("", text, "");
    }

    private static HighlightedValue regex(String text, String pattern, boolean ignoreCase) {
        try {
            Matcher m = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text);
            if (m.find() && m.end() > m.start()) {
                return new HighlightedValue(text.substring(0, m.start()), text.substring(m.start(), m.end()),
                        text.substring(m.end()));
            }
        } catch (PatternSyntaxException e) {
            // not an RE2 pattern: mark the whole value
        }
        return whole(text);
    }

    /** The longest run of the pattern without unescaped wildcards, with Sigma escapes resolved. */
    static String longestLiteral(String pattern) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                run.append(pattern.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
            } else {
                run.append(c);
            }
        }
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int indexOf(String text, String literal, boolean cased) {
        if (cased) {
            return text.indexOf(literal);
        }
        String lowerText = text.toLowerCase(Locale.ROOT);
        String lowerLiteral = literal.toLowerCase(Locale.ROOT);
        // lower-casing can change lengths for a few characters; only trust the index when it cannot have
        return lowerText.length() == text.length() && lowerLiteral.length() == literal.length()
                ? lowerText.indexOf(lowerLiteral) : text.indexOf(literal);
    }
}
