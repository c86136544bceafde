package io.detectionhub.library;

/**
 * Published (inside its transaction) when an admin purges a deleted rule from the trash: its content and history are
 * gone for good ({@code revisions} of them were removed). The audit log records it.
 */
public record RulePurged(String ruleId, String title, int revisions) {
}
