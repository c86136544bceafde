package io.detectionhub.library;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A search hit: the derived columns of a rule, without its YAML. */
public record RuleSummary(String id, RuleKind kind, String title, String level, String status, String product,
                          String category, String service, String author, LocalDate date, LocalDate modified,
                          List<String> tags, List<String> tactics, List<String> techniques, Instant createdAt,
                          Instant updatedAt) {
}
