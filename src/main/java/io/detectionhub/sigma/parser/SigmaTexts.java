package io.detectionhub.sigma.parser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * Cuts a multi-document Sigma text into the texts of its documents, byte for byte: each piece starts at its
 * {@code ---} line (the first at the start of the text) and ends where the next begins, so the pieces joined in order
 * are the text again. Empty documents (a trailing {@code ---}) are dropped, so the pieces line up with
 * {@link SigmaParser#parse(String)}'s documents.
 */
public final class SigmaTexts {

    private SigmaTexts() {
    }

    /**
     * The text of each non-empty document of a valid Sigma text, in order.
     *
     * @throws SigmaValidationException when the text is not usable YAML (parse it first to get every problem)
     */
    public static List<String> split(String text) {
        Problems problems = new Problems();
        int expected = YamlDocuments.compose(text, problems).size();
        problems.throwIfAny();
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        LineIndex lines = new LineIndex(text);
        List<Integer> cuts = new ArrayList<>();
        try {
            for (Event event : YamlDocuments.newYaml().parse(new StringReader(body))) {
                if (event instanceof DocumentStartEvent start && start.getExplicit()) {
                    cuts.add(lines.startOf(start.getStartMark().getLine()));
                }
            }
        } catch (YAMLException e) {
            throw new SigmaValidationException(new SigmaProblem("invalid YAML: " + e.getMessage(), 0, 0, ""));
        }
        List<String> pieces = new ArrayList<>();
        String pending = "";
        int from = 0;
        cuts.add(text.length());
        for (int cut : cuts) {
            String segment = text.substring(from, Math.max(from, cut));
            from = Math.max(from, cut);
            if (!segment.isBlank() && !YamlDocuments.compose(segment, new Problems()).isEmpty()) {
                pieces.add(pending + segment);
                pending = "";
            } else if (!pieces.isEmpty()) {
                // An empty document's lines (comments, '---') stay with the document before it.
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + segment);
            } else {
                pending += segment;
            }
        }
        if (pieces.size() != expected) {
            throw new SigmaValidationException(new SigmaProblem("could not separate the " + expected
                    + " documents of the text; put each document after a '---' line of its own", 0, 0, ""));
        }
        return pieces;
    }
}
