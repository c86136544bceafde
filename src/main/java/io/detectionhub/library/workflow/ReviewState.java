package io.detectionhub.library.workflow;

import java.util.Locale;

/** Where a rule is in review, beside Sigma's own {@code status}. */
public enum ReviewState {
    DRAFT, IN_REVIEW, APPROVED, RETIRED;

    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ReviewState parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
