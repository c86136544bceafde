package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.List;

/** Line starts of a text, counted like SnakeYAML: CR LF, LF, a lone CR, NEL, LS and PS each end a line. */
final class LineIndex {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    LineIndex(String text) {
        this.text = text;
        starts.add(text.startsWith("\uFEFF") ? 1 : 0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                starts.add(i + 1);
            }
        }
    }

    int startOf(int line) {
        return line < starts.size() ? starts.get(line) : text.length();
    }

    boolean endsWithLineBreak() {
        return text.endsWith("\n") || text.endsWith("\r");
    }

    /** The line break that ends {@code line} ({@code \n} when that line has none, e.g. the last line). */
    String lineEnding(int line) {
        if (line + 1 >= starts.size()) {
            return starts.size() > 1 ? lineEnding(starts.size() - 2) : "\n";
        }
        int end = starts.get(line + 1);
        if (end >= 2 && text.charAt(end - 2) == '\r' && text.charAt(end - 1) == '\n') {
            return "\r\n";
        }
        char last = text.charAt(end - 1);
        return last == '\r' ? "\r" : "\n";
    }
}
