package io.detectionhub.attack.coverage;

import java.util.List;

/**
 * What coverage needs to know about one library rule. {@code techniqueIds} are upper-case ATT&amp;CK ids from the
 * rule's {@code attack.t*} tags; {@code product} is the logsource product (may be null).
 */
public record CoverageRule(String ruleId, String title, List<String> techniqueIds, String level, String status,
                           String product) {

    public CoverageRule {
        techniqueIds = techniqueIds == null ? List.of() : List.copyOf(techniqueIds);
    }
}
