package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one parse, so that a rule author sees all of them at once. */
final class Problems {

    /** More problems are counted but not kept: a hostile text must not produce a huge error response. */
    static final int MAX_PROBLEMS = 100;

    private final List<SigmaProblem> problems = new ArrayList<>();
    private int dropped;

    void add(Node node, String path, String message) {
        add(node == null ? null : node.getStartMark(), path, message);
    }

    void add(Mark mark, String path, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        add(new SigmaProblem(message, line, column, path));
    }

    void add(int line, int column, String path, String message) {
        add(new SigmaProblem(message, line, column, path));
    }

    private void add(SigmaProblem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size() + dropped;
    }

    /** The problems in document order (problems without a position keep their relative order, at the end). */
    List<SigmaProblem> sorted() {
        List<SigmaProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt((SigmaProblem p) -> p.line() == 0 ? Integer.MAX_VALUE : p.line())
                .thenComparingInt(SigmaProblem::column));
        if (dropped > 0) {
            copy.add(new SigmaProblem("... and " + dropped + " more problems not listed", 0, 0, ""));
        }
        return copy;
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new SigmaValidationException(sorted());
        }
    }
}
