package io.detectionhub.pages;

import java.util.List;

/**
 * A rule as the feed and the rules list show it. {@code changed} is the rule's {@code modified} date, else its
 * {@code date}; {@code source} is where it came from (host of the enrichment's source URL), may be null.
 */
record RuleCard(String id, String title, String level, String status, String description,
                       List<TechniqueChip> techniques, String logsource, String changed, String source, String author) {
}
