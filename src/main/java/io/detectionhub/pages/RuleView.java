package io.detectionhub.pages;

import io.detectionhub.library.enrichment.Enrichment;

import java.util.List;

/** Everything the rule page shows about one stored rule, besides its enrichment. */
record RuleView(String id, String title, String level, String status, String description, String author,
                       String date, String modified, String license, String logsource, List<String> references,
                       List<String> falsepositives, List<String> tactics, List<TechniqueChip> techniques,
                       String yaml, List<RuleKqlTabs.KqlTab> queries, List<AttackContext> attackContext,
                       Enrichment enrichment) {

    /** ATT&amp;CK context of one mapped technique. */
    public record AttackContext(String id, String name, String parentId, List<String> tactics, String description,
                                String url) {
    }

    /** A link to another rule and how it relates. */
    public record RelatedRule(String id, String title, String relation) {
    }
}
