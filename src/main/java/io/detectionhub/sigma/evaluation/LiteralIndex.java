package io.detectionhub.sigma.evaluation;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ahocorasick.trie.PayloadTrie;

/**
 * The shared multi-pattern search: every literal that some rule value requires is registered once; one Aho-Corasick
 * pass over an event's lower-cased values tells which of them occur, so searches whose required literals are all
 * absent are known false without looking at their fields.
 */
final class LiteralIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private PayloadTrie<Integer> trie;

    /** Registers the literals of a gate and gives their ids. */
    int[] register(List<String> literals) {
        int[] out = new int[literals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(literals.get(i), k -> ids.size());
        }
        return out;
    }

    void build() {
        PayloadTrie.PayloadTrieBuilder<Integer> builder = PayloadTrie.builder();
        ids.forEach(builder::addKeyword);
        trie = builder.build();
    }

    int size() {
        return ids.size();
    }

    /** Sets the bit of every registered literal occurring in the text. */
    void scan(String lowerText, BitSet hits) {
        if (ids.isEmpty()) {
            return;
        }
        trie.parseText(lowerText, emit -> {
            hits.set(emit.getPayload());
            return true;
        });
    }
}
