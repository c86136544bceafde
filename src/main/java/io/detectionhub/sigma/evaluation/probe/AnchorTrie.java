package io.detectionhub.sigma.evaluation.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Prefix probes (or, reversed, suffix probes) of one field as a character trie: a value is walked from its start (or
 * end) only as far as some probe continues, so a value costs the length of its longest matching probe path, not its
 * own length. Nodes are numbered breadth first and each node's edges sit together, sorted, in two flat arrays: the
 * upper levels that every walk passes through share a few cache lines instead of being spread over a hash table.
 */
final class AnchorTrie {

    private final boolean fromEnd;
    /** Edges of node n: indexes [edgeStart[n], edgeStart[n + 1]) of edgeChars/edgeTargets, sorted by character. */
    private final int[] edgeStart;
    private final char[] edgeChars;
    private final int[] edgeTargets;
    private final int[][] probesAt;

    private AnchorTrie(boolean fromEnd, int[] edgeStart, char[] edgeChars, int[] edgeTargets, int[][] probesAt) {
        this.fromEnd = fromEnd;
        this.edgeStart = edgeStart;
        this.edgeChars = edgeChars;
        this.edgeTargets = edgeTargets;
        this.probesAt = probesAt;
    }

    private int child(int node, char c) {
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

    void walk(String value, ProbeHits hits) {
        int n = value.length();
        int node = 0;
        for (int i = 0; i < n; i++) {
            node = child(node, value.charAt(fromEnd ? n - 1 - i : i));
            if (node < 0) {
                return;
            }
            int[] ids = probesAt[node];
            if (ids != null) {
                for (int id : ids) {
                    hits.probe(id);
                }
            }
        }
    }

    static final class Builder {
        private final boolean fromEnd;
        /** Node under construction: its children by character, the probes ending at it. */
        private static final class Node {
            final TreeMap<Character, Node> children = new TreeMap<>();
            final List<Integer> probes = new ArrayList<>(1);
        }

        private final Node root = new Node();
        private boolean empty = true;

        Builder(boolean fromEnd) {
            this.fromEnd = fromEnd;
        }

        void add(String text, int id) {
            Node node = root;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                node = node.children.computeIfAbsent(text.charAt(fromEnd ? n - 1 - i : i), c -> new Node());
            }
            node.probes.add(id);
            empty = false;
        }

        boolean isEmpty() {
            return empty;
        }

        AnchorTrie build() {
            List<Node> order = new ArrayList<>();
            order.add(root);
            for (int i = 0; i < order.size(); i++) {
                order.addAll(order.get(i).children.values());
            }
            int[] edgeStart = new int[order.size() + 1];
            char[] edgeChars = new char[order.size() - 1];
            int[] edgeTargets = new int[order.size() - 1];
            int[][] probesAt = new int[order.size()][];
            int edge = 0;
            int next = 1;
            for (int i = 0; i < order.size(); i++) {
                Node node = order.get(i);
                edgeStart[i] = edge;
                for (Character c : node.children.keySet()) {
                    edgeChars[edge] = c;
                    edgeTargets[edge++] = next++;
                }
                if (!node.probes.isEmpty()) {
                    probesAt[i] = node.probes.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            edgeStart[order.size()] = edge;
            return new AnchorTrie(fromEnd, edgeStart, edgeChars, edgeTargets, probesAt);
        }
    }
}
