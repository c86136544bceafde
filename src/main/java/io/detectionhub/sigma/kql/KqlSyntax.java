package io.detectionhub.sigma.kql;

import java.util.regex.Pattern;

/** Quoting of KQL string literals, names, regular expressions and comments so that no rule text escapes them. */
final class KqlSyntax {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String RE2_META = "\\.+*?()|[]{}^$";

    private KqlSyntax() {
    }

    /** A double-quoted KQL string literal: backslash, quote and every control or line-breaking character escaped. */
    static String string(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** True when the name can be written bare (an identifier that is not a KQL keyword). */
    static boolean isPlainName(String name) {
        return PLAIN_NAME.matcher(name).matches() && !KqlKeywords.isReserved(name);
    }

    /** A table or column name: bare when it is an identifier, else {@code ['name']} with quotes escaped. */
    static String name(String name) {
        if (PLAIN_NAME.matcher(name).matches() && !KqlKeywords.isReserved(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder("['");
        for (char c : name.toCharArray()) {
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                throw new UntranslatableRuleException("the name '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
            sb.append(c);
        }
        return sb.append("']").toString();
    }

    /** Literal text as an RE2 pattern that matches exactly that text. */
    static String regexLiteral(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RE2_META.indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x{%x}", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text for a {@code //} comment: every line break or control character becomes a space. */
    static String comment(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
        }
        return sb.toString().strip();
    }
}
