package io.detectionhub.library.web;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.library.revisions.TrashedRule;
import io.detectionhub.security.AdminRole;
import io.detectionhub.security.EditorRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/** Deleted rules: list, restore (editors), purge (admins). */
@RestController
@RequestMapping("/api/trash")
@Tag(name = "Revisions")
class TrashApiController {

    private final RuleRevisions revisions;

    TrashApiController(RuleRevisions revisions) {
        this.revisions = revisions;
    }

    @EditorRole
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Deleted rules, newest deletion first",
            description = "Each with id, title, the revision of its deletion, who deleted it and when. Its content "
                    + "is that revision (GET /api/rules/{id}/revisions/{revision}).")
    List<TrashedRule> trash() {
        return revisions.trash();
    }

    @EditorRole
    @PostMapping(path = "/{id}/restore", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Restore a deleted rule",
            description = "The rule comes back with the YAML and enrichment it had when deleted; its history "
                    + "continues (a new revision, restored). 404 not-in-trash when it is not deleted.")
    @ApiResponse(responseCode = "201", description = "Restored; Location names the rule, the ETag its version")
    ResponseEntity<RuleResponse> restore(@PathVariable String id,
                                         @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                                         @ChangeComment String comment) {
        StoredRule rule = revisions.restore(id, comment);
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/rules/{id}").buildAndExpand(rule.id())
                        .encode().toUri())
                .eTag(io.detectionhub.web.ETags.of(rule.version())).body(RuleResponse.of(rule));
    }

    @AdminRole
    @DeleteMapping("/{id}")
    @Operation(summary = "Purge a deleted rule for good (admins)",
            description = "Removes the trash entry and the rule's whole history; the audit log keeps rule.purged. "
                    + "404 not-in-trash when it is not deleted.")
    @ApiResponse(responseCode = "204", description = "Purged")
    ResponseEntity<Void> purge(@PathVariable String id) {
        revisions.purge(id);
        return ResponseEntity.noContent().build();
    }
}
