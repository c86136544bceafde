package io.detectionhub.library.web;

import io.detectionhub.library.revisions.RuleRevision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revision of a rule as the API shows it: its facts, the whole YAML, the enrichment as a JSON object, and the
 * parts stored beside the rule as they were then ({@code parts}: part name to its JSON, e.g. {@code exceptions}; a part
 * the revision did not record is absent).
 */
record RevisionResponse(String ruleId, int number, String change, String author, Instant at, String comment,
                        String title, String yaml, JsonNode enrichment, Map<String, JsonNode> parts) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RevisionResponse of(RuleRevision r, Map<String, String> parts) {
        Map<String, JsonNode> json = new LinkedHashMap<>();
        parts.forEach((name, snapshot) -> json.put(name, JSON.readTree(snapshot)));
        return new RevisionResponse(r.ruleId(), r.number(), r.change(), r.author(), r.at(), r.comment(), r.title(),
                r.yaml(), JSON.readTree(r.enrichmentJson()), json);
    }
}
