package io.detectionhub.attack.atomic.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell or cmd command text into simple commands at newlines, {@code ;} (sh only), {@code &}, {@code &&},
 * {@code ||} and {@code |} outside quotes, and splits a simple command into words. Approximate by design: it infers
 * which programs a command line starts, it does not execute shell grammar.
 */
final class CommandSplitter {

    private CommandSplitter() {
    }

    static List<String> simpleCommands(String text, boolean unixShell) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && unixShell && quote == '"' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                }
                continue;
            }
            if (c == '"' || (c == '\'' && unixShell)) {
                quote = c;
                current.append(c);
            } else if (c == '\\' && unixShell && i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                current.append(c).append(text.charAt(++i));
            } else if (c == '\n' || c == '|' || c == '&' || (c == ';' && unixShell)) {
                if (c == '&' && unixShell && i > 0 && (text.charAt(i - 1) == '>' || text.charAt(i - 1) == '<')) {
                    current.append(c); // 2>&1, 0<&2: redirections, not separators
                    continue;
                }
                if (c == '&' && unixShell && i + 1 < text.length() && text.charAt(i + 1) == '>') {
                    current.append(c); // &> redirection
                    continue;
                }
                if (c == '|' && !unixShell && i > 0 && text.charAt(i - 1) == '^') {
                    current.append(c); // ^| escaped pipe in cmd
                    continue;
                }
                flush(current, out);
                if (i + 1 < text.length() && (text.charAt(i + 1) == c) && (c == '|' || c == '&')) {
                    i++;
                }
            } else {
                current.append(c);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }

    static List<String> words(String simpleCommand) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < simpleCommand.length(); i++) {
            char c = simpleCommand.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
            }
        }
        if (any || !current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }
}
