package io.detectionhub.evaluate;

import java.util.List;

/** Which rules an evaluation runs: pasted Sigma YAML, stored rules by id, or the whole library. */
public sealed interface RuleSelection {

    /**
     * One rule, or a multi-document text with a correlation rule and the rules it references, or filters.
     * {@code exceptionsOf}: the stored rule whose active tuning exceptions apply to the text (an edit of that rule
     * before it is saved), or null for none.
     */
    record Yaml(String text, String exceptionsOf) implements RuleSelection {
        public Yaml(String text) {
            this(text, null);
        }
    }

    /**
     * Stored rules; the rules their correlations reference, the stored filters naming them and their active tuning
     * exceptions come along.
     */
    record Ids(List<String> ids) implements RuleSelection {
        public Ids {
            ids = List.copyOf(ids);
        }
    }

    /** Every stored rule with its active tuning exceptions, routed by logsource. */
    record Library() implements RuleSelection {
    }

    static RuleSelection of(String yaml, List<String> ids) {
        if (yaml != null && !yaml.isBlank()) {
            if (ids != null && !ids.isEmpty()) {
                throw new io.detectionhub.web.BadRequestException("Give either 'rule' or 'ruleIds', not both");
            }
            return new Yaml(yaml);
        }
        if (ids != null && !ids.isEmpty()) {
            List<String> clean = ids.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
            return clean.isEmpty() ? new Library() : new Ids(clean);
        }
        return new Library();
    }
}
