package io.detectionhub.library.web;

import io.detectionhub.library.workflow.ReviewAction;
import io.detectionhub.library.workflow.ReviewStatus;
import io.detectionhub.library.workflow.RuleReview;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The review workflow over the API: a rule's review status, review steps, what waits for review. */
@RestController
@Tag(name = "Review", description = "Review before production: draft, in review, approved, retired; four-eyes")
class ReviewApiController {

    private final RuleReview review;

    ReviewApiController(RuleReview review) {
        this.review = review;
    }

    @ViewerRole
    @GetMapping(path = "/api/rules/{id}/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A rule's review status",
            description = "state (draft, in-review, approved, retired), approvedRevision (the one exported and "
                    + "deployed, also while a newer one is in review), latestRevision, lastAuthor (who may not approve "
                    + "under four-eyes), fourEyes.")
    ReviewStatus status(@PathVariable String id) {
        return review.status(id);
    }

    @EditorRole
    @PostMapping(path = "/api/rules/{id}/review/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take a review step",
            description = "submit (draft -> in-review), approve (in-review -> approved; with four-eyes not by the "
                    + "last author: 409 four-eyes), send-back (in-review -> draft, comment required), retire, reopen "
                    + "(retired -> draft). 409 review-refused when the step does not fit the state. Each step is a "
                    + "revision and an audit entry (rule.submitted, rule.approved, ...).")
    ReviewStatus act(@PathVariable String id,
                     @Parameter(description = "submit, approve, send-back, retire or reopen") @PathVariable String action,
                     @Parameter(name = "comment", in = ParameterIn.QUERY, description = ChangeComments.DESCRIPTION)
                     @ChangeComment String comment) {
        ReviewAction step = ReviewAction.of(action).orElseThrow(() -> new BadRequestException("Unknown review step '"
                + action + "': submit, approve, send-back, retire or reopen."));
        return review.act(id, step, comment);
    }

    @EditorRole
    @GetMapping(path = "/api/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rules waiting for review, the longest waiting first")
    List<ReviewStatus> waiting() {
        return review.waiting();
    }
}
