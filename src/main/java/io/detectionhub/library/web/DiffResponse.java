package io.detectionhub.library.web;

import io.detectionhub.library.revisions.RevisionDiff;

import java.util.List;

/**
 * A diff between two revisions of a rule: the YAML as a unified diff ({@code yaml}, empty when the YAML is the same),
 * the enrichment field by field, and each part stored beside the rule that changed ({@code parts}: exceptions,
 * tests), as a unified diff of its JSON and item by item.
 */
record DiffResponse(String ruleId, int from, int to, boolean unchanged, String yaml,
                    List<RevisionDiff.FieldChange> enrichment, List<PartResponse> parts) {

    /** A changed part: its name, a unified diff of its JSON, and each item added, removed or changed. */
    record PartResponse(String part, String diff, List<RevisionDiff.ItemChange> items) {
    }

    static DiffResponse of(RevisionDiff d) {
        return new DiffResponse(d.ruleId(), d.from(), d.to(), d.unchanged(), d.unified(), d.enrichment(),
                d.parts().stream().map(p -> new PartResponse(p.part(), p.unified(), p.items())).toList());
    }
}
