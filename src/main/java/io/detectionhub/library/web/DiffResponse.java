package io.detectionhub.library.web;

import io.detectionhub.library.revisions.RevisionDiff;

import java.util.List;

/**
 * A diff between two revisions of a rule: the YAML as a unified diff ({@code yaml}, empty when the YAML is the same)
 * and the enrichment field by field.
 */
record DiffResponse(String ruleId, int from, int to, boolean unchanged, String yaml,
                    List<RevisionDiff.FieldChange> enrichment) {

    static DiffResponse of(RevisionDiff d) {
        return new DiffResponse(d.ruleId(), d.from(), d.to(), d.unchanged(), d.unified(), d.enrichment());
    }
}
