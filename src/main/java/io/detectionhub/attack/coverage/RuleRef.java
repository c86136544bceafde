package io.detectionhub.attack.coverage;

/** A rule as coverage exports list it. */
public record RuleRef(String id, String title, String level) {
}
