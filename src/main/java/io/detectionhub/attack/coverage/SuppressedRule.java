package io.detectionhub.attack.coverage;

import java.util.List;

/**
 * A rule left out of coverage because its tuning exceptions suppress every must-match event it has ("fully
 * suppressed"): {@code techniqueIds} are the techniques it would cover, {@code reason} says what was judged.
 */
public record SuppressedRule(String id, String title, String level, List<String> techniqueIds, String reason) {

    public SuppressedRule {
        techniqueIds = techniqueIds == null ? List.of() : List.copyOf(techniqueIds);
    }
}
