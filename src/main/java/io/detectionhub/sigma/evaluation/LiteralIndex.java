package io.detectionhub.sigma.evaluation;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ahocorasick.trie.PayloadTrie;


/**
 * The shared multi-pattern search: every literal that some rule value requires is registered once; one Aho-Corasick
 * pass over an event's lower-cased values tells which of them occur, so rules and searches whose required literals
 * are all absent are known false without looking at their fields.
 */
final class LiteralIndex {

    private final Map<String, Integer> ids = new HashMap<>();
    private final java.util.List<String> literals = new java.util.ArrayList<>();
    private PayloadTrie<Integer> trie;

    /** Registers the literals of a gate and gives their ids. */
    int[] register(List<String> literals) {
        int[] out = new int[literals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(literals.get(i), k -> {
                this.literals.add(k);
                return ids.size();
            });
        }
        return out;
    }

    /**
     * How likely it is that at least one of these literals occurs in an event, as a heuristic for picking the most
     * selective gate: short literals and parts of everyday Windows paths and words are common.
     */
    double weight(int[] gate) {
        double w = 0;
        for (int id : gate) {
            String l = literals.get(id);
            double p = 1.0 / ((double) l.length() * l.length());
            if (COMMON.stream().anyMatch(c -> c.contains(l) || l.contains(c) && l.length() < c.length() + 4)) {
                p *= 20;
            }
            w += p;
        }
        return w;
    }

    private static final java.util.List<String> COMMON = java.util.List.of("c:\\windows\\system32\\", "c:\\users\\",
            "c:\\program files", "\\svchost.exe", "\\explorer.exe", "\\powershell.exe", "\\cmd.exe",
            "\\rundll32.exe", "\\appdata\\local\\", "\\temp\\", ".exe", ".dll", "http", "true", "false",
            "microsoft", "windows", "system", "hklm\\software\\", "hku\\", "\\currentversion\\", "/usr/bin/",
            "/bin/", "/tmp/", "get", "set", "user");

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
        if (!ids.isEmpty()) {
            trie.parseText(lowerText, emit -> {
                hits.set(emit.getPayload());
                return true;
            });
        }
    }
}
