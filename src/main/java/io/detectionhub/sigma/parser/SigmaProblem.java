package io.detectionhub.sigma.parser;

/**
 * One validation problem in a Sigma text, worded for a rule author. {@code line} and {@code column} are 1-based and
 * 0 when unknown; {@code path} locates the problem in the document (e.g. {@code detection.selection.Image|endswith}).
 */
public record SigmaProblem(String message, int line, int column, String path) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
