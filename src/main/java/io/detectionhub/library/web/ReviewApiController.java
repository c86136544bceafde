package io.detectionhub.library.web;

import io.detectionhub.library.workflow.ReviewAction;
import io.detectionhub.library.workflow.ReviewSectionView;
import io.detectionhub.library.workflow.ReviewSections;
import io.detectionhub.library.workflow.ReviewStatus;
import io.detectionhub.library.workflow.RuleReview;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The review workflow over the API: a rule's review status and its contributed sections (KQL per target, test
 * results), review steps, what waits for review.
 */
@RestController
@Tag(name = "Review", description = "Review before production: draft, in review, approved, retired; four-eyes")
class ReviewApiController {

    private final RuleReview review;
    private final ReviewSections sections;

    ReviewApiController(RuleReview review, ReviewSections sections) {
        this.review = review;
        this.sections = sections;
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

    /** A rule's review status with the sections other modules contribute to its review. */
    record ReviewDetail(ReviewStatus status, List<ReviewSectionView> sections) {
    }

    @ViewerRole
    @GetMapping(path = "/api/rules/{id}/review/sections", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A rule's review: the approved revision against the current rule, part by part",
            description = "The review status and every contributed section, in order: kql (for every built-in and "
                    + "user target, the approved revision's query against the current one: items unchanged, changed "
                    + "with a unified diff, new when never approved, untranslatable with the reason) and tests (the "
                    + "rule's test cases run on the current rule, with how many pass on the approved revision: items "
                    + "passed, failed or error with the message and a link to the explanation). Each section has a "
                    + "status (unchanged, changed, passed, failed, none, error) and a one-sentence summary. The YAML "
                    + "diff is GET /api/rules/{id}/diff?from={approvedRevision}&to={latestRevision}.")
    @ApiResponse(responseCode = "200", description = "The status and the sections")
    @ApiResponse(responseCode = "404", description = "Unknown rule")
    ReviewDetail sections(@PathVariable String id) {
        ReviewStatus status = review.status(id);
        return new ReviewDetail(status, sections.views(status));
    }

    @EditorRole
    @GetMapping(path = "/api/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rules waiting for review, the longest waiting first")
    List<ReviewStatus> waiting() {
        return review.waiting();
    }
}
