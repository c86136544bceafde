package io.detectionhub.library.enrichment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How much a rule's author or reviewer trusts its detections. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Confidence parse(String text) {
        return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
