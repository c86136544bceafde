package io.detectionhub.sigma.evaluation.acceleration.probe;

/**
 * Prefix probes (or, reversed, suffix probes) of one field as a character trie: a value is walked from its start (or
 * end) only as far as some probe continues, so a value costs the length of its longest matching probe path, not its
 * own length.
 */
final class AnchorTrie {

    private final boolean fromEnd;
    private final CharTrie trie;

    private AnchorTrie(boolean fromEnd, CharTrie trie) {
        this.fromEnd = fromEnd;
        this.trie = trie;
    }

    void walk(String value, ProbeHits hits) {
        CharTrie trie = this.trie;
        int n = value.length();
        int node = CharTrie.ROOT;
        for (int i = 0; i < n; i++) {
            node = trie.child(node, value.charAt(fromEnd ? n - 1 - i : i));
            if (node < 0) {
                return;
            }
            int[] ids = trie.probesAt(node);
            if (ids != null) {
                for (int id : ids) {
                    hits.found(id);
                }
            }
        }
    }

    static final class Builder {
        private final boolean fromEnd;
        private final CharTrie.Builder trie = new CharTrie.Builder();

        Builder(boolean fromEnd) {
            this.fromEnd = fromEnd;
        }

        void add(String text, int id) {
            trie.add(fromEnd ? reversedChars(text) : text, id);
        }

        /** Reversed char by char (not by code point, as StringBuilder.reverse would): the walk reads chars. */
        private static String reversedChars(String text) {
            char[] chars = new char[text.length()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = text.charAt(chars.length - 1 - i);
            }
            return new String(chars);
        }

        boolean isEmpty() {
            return trie.isEmpty();
        }

        AnchorTrie build() {
            return new AnchorTrie(fromEnd, trie.build());
        }
    }
}
