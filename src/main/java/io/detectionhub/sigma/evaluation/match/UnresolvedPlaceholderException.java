package io.detectionhub.sigma.evaluation.match;

import java.util.Set;

/**
 * A value with the {@code expand} modifier uses a placeholder ({@code %name%}) that has no values in the options:
 * the rule is reported instead of being matched with a guess.
 */
public class UnresolvedPlaceholderException extends RuleCompilationException {

    private final Set<String> placeholders;

    public UnresolvedPlaceholderException(Set<String> placeholders) {
        super("Unresolved placeholder" + (placeholders.size() > 1 ? "s " : " ") + String.join(", ",
                placeholders.stream().map(p -> "%" + p + "%").toList())
                + ": the rule needs values for them (evaluation option 'placeholders') and was not evaluated");
        this.placeholders = Set.copyOf(placeholders);
    }

    public Set<String> placeholders() {
        return placeholders;
    }
}
