package io.detectionhub.sigma.evaluation.acceleration.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A character trie of probe texts in flat arrays, nodes numbered breadth first (a parent before its children, the
 * upper levels that every search passes through side by side in memory), those spelled in ASCII only before the
 * others: the corpus has about 1,300 emoji probes for command lines, which would otherwise take most of the first
 * numbers, which get the dense rows. Past the nodes an automaton gives transition rows, numbering is depth first
 * (see {@link Builder#build(int)}).
 * <p>
 * A node's edges sit together, sorted by character. A node with many edges (the root and the first levels of a
 * large probe set, where {@code \} or {@code .} lead to dozens of continuations) also has a dense row indexed by
 * the ASCII characters that occur in any probe, so the nodes a search visits most cost one array read per step.
 * An ASCII character that occurs in no probe has no edge anywhere, which one table read tells.
 */
final class CharTrie {

    static final int ROOT = 0;
    /** Nodes with at least this many edges get a dense row. */
    private static final int DENSE_FANOUT = 6;

    private final int[] edgeStart;
    private final char[] edgeChars;
    private final int[] edgeTargets;
    /** Per ASCII character: 0 when no probe has it, else its column in the dense rows (from 1). */
    private final char[] asciiColumn;
    private final int columns;
    /** Per node: offset of its dense row in {@link #dense}, or -1. */
    private final int[] denseRow;
    private final int[] dense;
    private final int[][] probesAt;
    private final int rowNodes;

    private CharTrie(int[] edgeStart, char[] edgeChars, int[] edgeTargets, char[] asciiColumn, int columns,
                     int[] denseRow, int[] dense, int[][] probesAt, int rowNodes) {
        this.edgeStart = edgeStart;
        this.edgeChars = edgeChars;
        this.edgeTargets = edgeTargets;
        this.asciiColumn = asciiColumn;
        this.columns = columns;
        this.denseRow = denseRow;
        this.dense = dense;
        this.probesAt = probesAt;
        this.rowNodes = rowNodes;
    }

    /** The nodes numbered breadth first, from 0: those an automaton gives transition rows. */
    int rowNodes() {
        return rowNodes;
    }

    /** The child of {@code node} by {@code c}, or -1. */
    int child(int node, char c) {
        if (c < 128) {
            int column = asciiColumn[c];
            if (column == 0) {
                return -1;
            }
            int row = denseRow[node];
            if (row >= 0) {
                return dense[row + column];
            }
        }
        int low = edgeStart[node];
        int high = edgeStart[node + 1] - 1;
        while (high - low > 8) {
            int mid = (low + high) >>> 1;
            if (edgeChars[mid] < c) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int i = low; i <= high; i++) {
            if (edgeChars[i] == c) {
                return edgeTargets[i];
            }
        }
        return -1;
    }

    /** The column of an ASCII character in the dense rows, 0 when no probe has it. */
    int column(char c) {
        return asciiColumn[c];
    }

    /** Columns of the dense rows (ASCII characters that occur in some probe). */
    int columns() {
        return columns;
    }

    /** Probes whose text ends at this node, or null. */
    int[] probesAt(int node) {
        return probesAt[node];
    }

    int size() {
        return probesAt.length;
    }

    /** Every node, parents before children and shallower before deeper, whatever the numbering. */
    int[] breadthFirst() {
        int[] order = new int[size()];
        int added = 1;
        for (int i = 0; i < added; i++) {
            int node = order[i];
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                order[added++] = edgeTargets[e];
            }
        }
        return order;
    }

    /** Children of a node, for building automata over the trie. */
    int edgeCount(int node) {
        return edgeStart[node + 1] - edgeStart[node];
    }

    char edgeChar(int node, int i) {
        return edgeChars[edgeStart[node] + i];
    }

    int edgeTarget(int node, int i) {
        return edgeTargets[edgeStart[node] + i];
    }

    static final class Builder {
        private static final class Node {
            final TreeMap<Character, Node> children = new TreeMap<>();
            final List<Integer> probes = new ArrayList<>(1);
        }

        private final Node root = new Node();
        private boolean empty = true;

        /** Adds a probe; the trie spells {@code text} from its first character. */
        void add(String text, int id) {
            Node node = root;
            for (int i = 0; i < text.length(); i++) {
                node = node.children.computeIfAbsent(text.charAt(i), c -> new Node());
            }
            if (!node.probes.contains(id)) {
                node.probes.add(id);
            }
            empty = false;
        }

        boolean isEmpty() {
            return empty;
        }

        /**
         * Breadth first, with the nodes spelled in ASCII only before any other: searches mostly step through those,
         * and the first nodes are the ones given dense rows and automaton rows. A node still comes after its parent
         * and after every proper suffix of its text (ASCII if it is; shorter otherwise), which failure links need.
         */
        private List<Node> breadthFirstAsciiFirst() {
            List<Node> breadthFirst = new ArrayList<>();
            java.util.Set<Node> notAscii = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            breadthFirst.add(root);
            for (int i = 0; i < breadthFirst.size(); i++) {
                Node node = breadthFirst.get(i);
                for (var e : node.children.entrySet()) {
                    breadthFirst.add(e.getValue());
                    if (e.getKey() >= 128 || notAscii.contains(node)) {
                        notAscii.add(e.getValue());
                    }
                }
            }
            List<Node> order = new ArrayList<>(breadthFirst.size());
            for (Node n : breadthFirst) {
                if (!notAscii.contains(n)) {
                    order.add(n);
                }
            }
            for (Node n : breadthFirst) {
                if (notAscii.contains(n)) {
                    order.add(n);
                }
            }
            return order;
        }

        private static int asciiCharacters(List<Node> nodes) {
            boolean[] seen = new boolean[128];
            int n = 0;
            for (Node node : nodes) {
                for (char c : node.children.keySet()) {
                    if (c < 128 && !seen[c]) {
                        seen[c] = true;
                        n++;
                    }
                }
            }
            return n;
        }

        /** The first {@code prefix} nodes of {@code breadthFirst}, then every subtree below them, depth first. */
        private static List<Node> depthFirstAfter(List<Node> breadthFirst, int prefix) {
            List<Node> order = new ArrayList<>(breadthFirst.size());
            java.util.Set<Node> placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (int i = 0; i < prefix; i++) {
                order.add(breadthFirst.get(i));
                placed.add(breadthFirst.get(i));
            }
            java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
            for (int i = 0; i < prefix; i++) {
                for (Node child : breadthFirst.get(i).children.values()) {
                    if (!placed.contains(child)) {
                        stack.push(child);
                        while (!stack.isEmpty()) {
                            Node node = stack.pop();
                            order.add(node);
                            // pushed in reverse, so the first child is numbered right after its parent
                            for (Node grandChild : node.children.descendingMap().values()) {
                                stack.push(grandChild);
                            }
                        }
                    }
                }
            }
            return order;
        }

        /** Every node numbered breadth first (a trie walked from one end, without an automaton over it). */
        CharTrie build() {
            return build(Integer.MAX_VALUE);
        }

        /**
         * Numbers breadth first (ASCII first) as many nodes as rows of {@code rowEntries} entries hold, one column per
         * ASCII character of the probes plus one: the nodes an automaton gives transition rows. The others are
         * numbered depth first: a chain of deeper nodes, where a search steps one edge after another, then sits side
         * by side in every per-node array instead of one level apart.
         */
        CharTrie build(int rowEntries) {
            List<Node> order = breadthFirstAsciiFirst();
            int rowNodes = Math.min(order.size(), Math.max(1, rowEntries / (asciiCharacters(order) + 1)));
            if (rowNodes < order.size()) {
                order = depthFirstAfter(order, rowNodes);
            }
            int nodes = order.size();
            int[] edgeStart = new int[nodes + 1];
            char[] edgeChars = new char[nodes - 1];
            int[] edgeTargets = new int[nodes - 1];
            int[][] probesAt = new int[nodes][];
            char[] asciiColumn = new char[128];
            int columns = 0;
            java.util.Map<Node, Integer> number = new java.util.IdentityHashMap<>();
            for (int i = 0; i < nodes; i++) {
                number.put(order.get(i), i);
            }
            int edge = 0;
            for (int i = 0; i < nodes; i++) {
                Node node = order.get(i);
                edgeStart[i] = edge;
                for (var e : node.children.entrySet()) {
                    char c = e.getKey();
                    if (c < 128 && asciiColumn[c] == 0) {
                        asciiColumn[c] = (char) ++columns;
                    }
                    edgeChars[edge] = c;
                    edgeTargets[edge++] = number.get(e.getValue());
                }
                if (!node.probes.isEmpty()) {
                    probesAt[i] = node.probes.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            edgeStart[nodes] = edge;
            int[] denseRow = new int[nodes];
            Arrays.fill(denseRow, -1);
            int rowLength = columns + 1;
            int rows = 0;
            for (int i = 0; i < nodes; i++) {
                if (edgeStart[i + 1] - edgeStart[i] >= DENSE_FANOUT) {
                    denseRow[i] = rows++ * rowLength;
                }
            }
            int[] dense = new int[rows * rowLength];
            Arrays.fill(dense, -1);
            for (int i = 0; i < nodes; i++) {
                if (denseRow[i] >= 0) {
                    for (int e = edgeStart[i]; e < edgeStart[i + 1]; e++) {
                        if (edgeChars[e] < 128) {
                            dense[denseRow[i] + asciiColumn[edgeChars[e]]] = edgeTargets[e];
                        }
                    }
                }
            }
            return new CharTrie(edgeStart, edgeChars, edgeTargets, asciiColumn, columns, denseRow, dense, probesAt,
                    rowNodes);
        }
    }
}
