package io.detectionhub.sigma.evaluation.acceleration.probe;

/**
 * Contains probes as an Aho-Corasick automaton over a {@link CharTrie}: each character of the value is one step, and
 * each node lists the probes that end there, directly or through its failure chain, so every probe that occurs is
 * found whatever the number of probes. The first nodes (breadth first: the shallow ones, where a search spends most
 * of its steps) also have a full transition row over the ASCII characters of the probes, failure links resolved, so a
 * step there is one array read; an ASCII character no probe has sends the search back to the root at once. Deeper
 * nodes and other characters follow the trie's edges and failure links. A {@link GramSearch} uses one for its
 * non-ASCII probes, and another for values on which comparing in full would cost it too much.
 * <p>
 * Earlier designs, measured on the corpus benchmark: org.ahocorasick's trie (an emit object and collection per hit
 * took about 80% of the evaluation time); one automaton over the literals of all fields together (three quarters of
 * its time in cache misses); tables of 1 to 8-character windows verified in full (20 to 40 ns per character on
 * command lines and paths, where common windows occur everywhere).
 */
final class ContainsAutomaton implements ContainsSearch {

    private final CharTrie trie;
    private final int[] fail;
    /** Per node: the first node on its failure chain (itself included) where probes end, or -1. */
    private final int[] firstOutput;
    /** Per node with probes: the next node on its failure chain where probes end, or -1. */
    private final int[] nextOutput;
    /** Per node: the length of its text. */
    private final int[] depth;
    /** Transition rows of the first {@link #dfaStates} nodes: target node times 2, plus 1 when probes end there. */
    private final int[] dfa;
    private final int dfaStates;
    private final int width;
    /** Entries of the transition rows of one automaton at most (4 bytes each). */
    private static final int DFA_BUDGET = 1 << 16;

    /** The automaton of these probe texts, each reporting its ids. */
    static ContainsAutomaton of(String[] texts, int[][] ids) {
        CharTrie.Builder trie = new CharTrie.Builder();
        for (int p = 0; p < texts.length; p++) {
            for (int id : ids[p]) {
                trie.add(texts[p], id);
            }
        }
        return of(trie);
    }

    /** The automaton of the probes of {@code trie}. */
    static ContainsAutomaton of(CharTrie.Builder trie) {
        return of(trie, DFA_BUDGET);
    }

    /** {@code dfaBudget}: entries of transition rows at most (tests use small ones to exercise the deep nodes). */
    static ContainsAutomaton of(CharTrie.Builder trie, int dfaBudget) {
        return new ContainsAutomaton(trie.build(dfaBudget));
    }

    private ContainsAutomaton(CharTrie trie) {
        this.trie = trie;
        int nodes = trie.size();
        fail = new int[nodes];
        firstOutput = new int[nodes];
        nextOutput = new int[nodes];
        depth = new int[nodes];
        firstOutput[CharTrie.ROOT] = trie.probesAt(CharTrie.ROOT) != null ? CharTrie.ROOT : -1;
        nextOutput[CharTrie.ROOT] = -1;
        // breadth first: a node's failure link is set (by its parent) before its own children need it
        for (int node : trie.breadthFirst()) {
            for (int e = 0, n = trie.edgeCount(node); e < n; e++) {
                char c = trie.edgeChar(node, e);
                int child = trie.edgeTarget(node, e);
                int target = CharTrie.ROOT;
                if (node != CharTrie.ROOT) {
                    int f = fail[node];
                    int t;
                    while ((t = trie.child(f, c)) < 0 && f != CharTrie.ROOT) {
                        f = fail[f];
                    }
                    target = t < 0 ? CharTrie.ROOT : t;
                }
                fail[child] = target;
                depth[child] = depth[node] + 1;
                nextOutput[child] = firstOutput[target];
                firstOutput[child] = trie.probesAt(child) != null ? child : firstOutput[target];
            }
        }
        width = trie.columns() + 1;
        dfaStates = trie.rowNodes();
        dfa = new int[dfaStates * width];
        char[] columnChars = new char[width];
        for (char c = 0; c < 128; c++) {
            if (trie.column(c) > 0) {
                columnChars[trie.column(c)] = c;
            }
        }
        // breadth-first numbering again: a failure link points to a shallower node, whose row is already complete
        for (int node = 0; node < dfaStates; node++) {
            for (int column = 1; column < width; column++) {
                int target = trie.child(node, columnChars[column]);
                if (target < 0) {
                    target = node == CharTrie.ROOT ? CharTrie.ROOT : dfa[fail[node] * width + column] >> 1;
                }
                dfa[node * width + column] = target << 1 | (firstOutput[target] > CharTrie.ROOT ? 1 : 0);
            }
        }
    }

    /**
     * Values at least this long are searched as two halves at once. A step is one read that depends on the one
     * before, and over events the rows are mostly out of the processor's nearest caches: two independent walks
     * wait for their reads together.
     */
    static final int SPLIT_LENGTH = 32;

    @Override
    public void scan(String value, ProbeHits hits) {
        if (firstOutput[CharTrie.ROOT] >= 0) {
            record(CharTrie.ROOT, hits);
        }
        int n = value.length();
        if (n < SPLIT_LENGTH) {
            int state = CharTrie.ROOT;
            for (int i = 0; i < n; i++) {
                state = step(state, value.charAt(i), hits);
            }
            return;
        }
        // the second walk finds every probe that starts in the second half; the first, those that start before it
        int half = n >>> 1;
        int first = CharTrie.ROOT;
        int second = CharTrie.ROOT;
        for (int i = 0, j = half; i < half; i++, j++) {
            first = step(first, value.charAt(i), hits);
            second = step(second, value.charAt(j), hits);
        }
        for (int j = half + half; j < n; j++) {
            second = step(second, value.charAt(j), hits);
        }
        // the first walk goes on while a probe it is inside started before the second half (its node is deeper)
        for (int i = half; i < n && depth[first] > i - half; i++) {
            first = step(first, value.charAt(i), hits);
        }
    }

    /** The node after reading {@code c} at {@code state}, recording the probes that end there. */
    private int step(int state, char c, ProbeHits hits) {
        int column = c < 128 ? trie.column(c) : -1;
        if (column == 0) {
            return CharTrie.ROOT;
        }
        if (column > 0 && state < dfaStates) {
            int step = dfa[state * width + column];
            state = step >> 1;
            if ((step & 1) != 0) {
                recordAll(state, hits);
            }
            return state;
        }
        return deepStep(state, c, column, hits);
    }

    /** A deep node: its own edge, else down the failure chain until a node with a row (one read from there). */
    private int deepStep(int state, char c, int column, ProbeHits hits) {
        int next = trie.child(state, c);
        while (next < 0 && state != CharTrie.ROOT) {
            state = fail[state];
            if (column > 0 && state < dfaStates) {
                next = dfa[state * width + column] >> 1;
                break;
            }
            next = trie.child(state, c);
        }
        state = next < 0 ? CharTrie.ROOT : next;
        if (firstOutput[state] > CharTrie.ROOT) {
            recordAll(state, hits);
        }
        return state;
    }

    @Override
    public boolean costly() {
        return true;
    }

    /** Records the probes that end at this node and along its failure chain (the root's were recorded first). */
    private void recordAll(int state, ProbeHits hits) {
        for (int o = firstOutput[state]; o > CharTrie.ROOT; o = nextOutput[o]) {
            record(o, hits);
        }
    }

    private void record(int node, ProbeHits hits) {
        for (int id : trie.probesAt(node)) {
            hits.found(id);
        }
    }
}
