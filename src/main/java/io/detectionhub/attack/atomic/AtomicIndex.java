package io.detectionhub.attack.atomic;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Read-only lookups over an Atomic Red Team index. Immutable and thread-safe. */
public final class AtomicIndex {

    private final AtomicIndexData data;
    private final Map<String, AtomicTechnique> byTechnique = new HashMap<>();
    private final Map<String, AtomicTest> byGuid = new HashMap<>();
    private final int testCount;

    public AtomicIndex(AtomicIndexData data) {
        this.data = data;
        int tests = 0;
        for (AtomicTechnique t : data.techniques()) {
            byTechnique.put(t.techniqueId(), t);
            for (AtomicTest test : t.tests()) {
                tests++;
                if (test.guid() != null) {
                    byGuid.put(test.guid().toLowerCase(Locale.ROOT), test);
                }
            }
        }
        this.testCount = tests;
    }

    public AtomicIndexData data() {
        return data;
    }

    public Optional<AtomicTechnique> technique(String techniqueId) {
        return techniqueId == null ? Optional.empty()
                : Optional.ofNullable(byTechnique.get(techniqueId.trim().toUpperCase(Locale.ROOT)));
    }

    /** The tests for a technique (only its own: a parent's list does not include its sub-techniques' tests). */
    public List<AtomicTest> tests(String techniqueId) {
        return technique(techniqueId).map(AtomicTechnique::tests).orElse(List.of());
    }

    public boolean hasTests(String techniqueId) {
        return !tests(techniqueId).isEmpty();
    }

    public Optional<AtomicTest> testByGuid(String guid) {
        return guid == null ? Optional.empty() : Optional.ofNullable(byGuid.get(guid.trim().toLowerCase(Locale.ROOT)));
    }

    public Set<String> techniqueIds() {
        return new TreeSet<>(byTechnique.keySet());
    }

    public int techniqueCount() {
        return byTechnique.size();
    }

    public int testCount() {
        return testCount;
    }
}
