package io.detectionhub.library.web;

import io.detectionhub.library.revisions.RuleRevision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/** One revision of a rule as the API shows it: its facts, the whole YAML, and the enrichment as a JSON object. */
record RevisionResponse(String ruleId, int number, String change, String author, Instant at, String comment,
                        String title, String yaml, JsonNode enrichment) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RevisionResponse of(RuleRevision r) {
        return new RevisionResponse(r.ruleId(), r.number(), r.change(), r.author(), r.at(), r.comment(), r.title(),
                r.yaml(), JSON.readTree(r.enrichmentJson()));
    }
}
