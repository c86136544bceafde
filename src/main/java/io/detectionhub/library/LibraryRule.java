package io.detectionhub.library;

import java.time.Instant;
import java.util.List;

/**
 * A rule as listed for whole-library work (evaluation, coverage): the YAML and the derived columns, no enrichment
 * text. {@code techniques} holds techniques and sub-techniques of the rule's ATT&amp;CK mapping.
 */
public record LibraryRule(String id, RuleKind kind, String name, String title, String level, String status,
                          String product, String category, String service, String yaml, List<String> tags,
                          List<String> tactics, List<String> techniques, Instant updatedAt) {
}
