package io.detectionhub.sigma.kql.target;

import java.util.Locale;
import java.util.Optional;

/** What the translator does with a Sigma field that a target does not map for the chosen table. */
public enum UnmappedFieldPolicy {
    /** The rule is refused, naming the field (the default: never a silently wrong query). */
    REFUSE("refuse"),
    /** The field name is used as the column name unchanged. */
    PASSTHROUGH("passthrough"),
    /** The condition on the field is removed and a warning says so in the explanation. */
    DROP("drop");

    private final String keyword;

    UnmappedFieldPolicy(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<UnmappedFieldPolicy> fromKeyword(String keyword) {
        if (keyword == null) {
            return Optional.empty();
        }
        String k = keyword.trim().toLowerCase(Locale.ROOT).replace("-with-warning", "").replace("pass-through", "passthrough");
        for (UnmappedFieldPolicy p : values()) {
            if (p.keyword.equals(k)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
