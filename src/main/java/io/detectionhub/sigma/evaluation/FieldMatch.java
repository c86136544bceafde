package io.detectionhub.sigma.evaluation;

import java.util.List;

/**
 * Why a detection item matched: the rule's field (null for a keyword search), the event value that matched
 * ({@code null} for an absent field or a JSON null), the item's modifiers and the rule value as written.
 */
public record FieldMatch(String field, String value, List<String> modifiers, String pattern) {

    public FieldMatch {
        modifiers = List.copyOf(modifiers);
    }
}
