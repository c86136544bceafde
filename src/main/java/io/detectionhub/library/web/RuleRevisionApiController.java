package io.detectionhub.library.web;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RevisionSummary;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.ConditionalChange;
import io.detectionhub.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A rule's history over the API: revisions, diffs, revert. */
@RestController
@RequestMapping("/api/rules/{id}")
@Tag(name = "Revisions", description = "Every change of a rule is a revision: list, read, diff, revert; the trash")
class RuleRevisionApiController {

    private final RuleRevisions revisions;

    RuleRevisionApiController(RuleRevisions revisions) {
        this.revisions = revisions;
    }

    @ViewerRole
    @GetMapping(path = "/revisions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A rule's revisions, newest first",
            description = "Each with number, change (created, replaced, enrichment-updated, deleted, restored, "
                    + "reverted, exceptions-changed, or a review step), author (the signed-in user or "
                    + "api-key:<name>), at, comment and the title then. "
                    + "A deleted rule's history stays readable until an admin purges it.")
    List<RevisionSummary> history(@PathVariable String id) {
        return revisions.history(id);
    }

    @ViewerRole
    @GetMapping(path = "/revisions/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One revision of a rule, with its whole YAML, enrichment and parts (exceptions...)")
    RevisionResponse revision(@PathVariable String id, @PathVariable int number) {
        return RevisionResponse.of(revisions.revision(id, number), revisions.parts(id, number));
    }

    @ViewerRole
    @GetMapping(path = "/diff", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "What changed between two revisions",
            description = "yaml: a unified diff of the YAML (empty when equal); enrichment: each changed field with "
                    + "its value before and after; parts: each changed part stored beside the rule (exceptions, "
                    + "tests) as a unified diff of its JSON and item by item (added, removed, changed fields). "
                    + "to defaults to the latest revision, from to the one before it; "
                    + "0 is the empty rule before revision 1.")
    DiffResponse diff(@PathVariable String id,
                      @Parameter(description = "The older revision (default: the one before to)")
                      @RequestParam(required = false) Integer from,
                      @Parameter(description = "The newer revision (default: the latest)")
                      @RequestParam(required = false) Integer to) {
        return DiffResponse.of(revisions.diff(id, from, to));
    }

    @EditorRole
    @PostMapping(path = "/revert", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revert a rule to an earlier revision",
            description = "Sets the YAML, enrichment and exceptions to those of revision `to`; that is itself a new revision "
                    + "(reverted), with an audit entry. If-Match is required (the rule's ETag, or *). 409 "
                    + "rule-in-trash when the rule is deleted (restore it first).")
    @ApiResponse(responseCode = "200", description = "Reverted; the ETag names the rule's new version")
    @ConditionalChange
    ResponseEntity<RuleResponse> revert(@PathVariable String id,
                                        @Parameter(description = "The revision to go back to", required = true)
                                        @RequestParam int to,
                                        @Parameter(description = ETags.IF_MATCH_DESCRIPTION)
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                        @ChangeComment String comment) {
        Long expected = ETags.expectedVersion(ifMatch);
        StoredRule rule = revisions.revert(id, to, expected, comment);
        return ResponseEntity.ok().eTag(ETags.of(rule.version())).body(RuleResponse.of(rule));
    }
}
