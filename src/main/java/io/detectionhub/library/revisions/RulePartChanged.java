package io.detectionhub.library.revisions;

/**
 * Published (inside its transaction) after a {@link RevisionPart} of a rule changed; the rule gets a revision whose
 * change is {@code <part>-changed} and which holds the new snapshot of every part.
 */
public record RulePartChanged(String ruleId, String part, String comment) {
}
