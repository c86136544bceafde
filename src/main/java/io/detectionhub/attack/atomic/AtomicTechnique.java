package io.detectionhub.attack.atomic;

import java.util.List;

/** The Atomic tests for one technique; {@code tactics} as Atomic Red Team's index lists them (ATT&amp;CK v19). */
public record AtomicTechnique(String techniqueId, String displayName, List<String> tactics, List<AtomicTest> tests) {

    public AtomicTechnique {
        tactics = tactics == null ? List.of() : List.copyOf(tactics);
        tests = List.copyOf(tests);
    }
}
