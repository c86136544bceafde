package io.detectionhub.sigma.model;

import java.util.List;
import java.util.Map;

/**
 * The descriptive attributes shared by every Sigma document kind. Dates stay as written (YYYY-MM-DD or YYYY/MM/DD).
 * Attributes the specification does not define are kept in {@code custom}, in document order.
 */
public record RuleMetadata(
        String title,
        String id,
        String name,
        String status,
        String description,
        String license,
        List<String> references,
        String author,
        String date,
        String modified,
        List<String> tags,
        String level,
        List<String> falsepositives,
        List<String> fields,
        List<RelatedRule> related,
        Map<String, Object> custom) {

    public RuleMetadata {
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        falsepositives = List.copyOf(falsepositives);
        fields = List.copyOf(fields);
        related = List.copyOf(related);
        custom = custom == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(custom));
    }

    /** The parsed tags, in order; unparseable ones are skipped. */
    public List<SigmaTag> parsedTags() {
        return tags.stream().map(SigmaTag::parse).flatMap(java.util.Optional::stream).toList();
    }
}
