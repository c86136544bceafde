package io.detectionhub.library.web;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.revisions.RevisionDiff;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.library.workflow.ReviewAction;
import io.detectionhub.library.workflow.ReviewRefusedException;
import io.detectionhub.library.workflow.ReviewSectionView;
import io.detectionhub.library.workflow.ReviewSections;
import io.detectionhub.library.workflow.ReviewState;
import io.detectionhub.library.workflow.ReviewStatus;
import io.detectionhub.library.workflow.RuleReview;
import io.detectionhub.security.EditorRole;
import io.detectionhub.web.PageException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Review page: rules waiting for review, each with the diff against its approved revision, the sections other
 * modules contribute (KQL per target, test results: {@link ReviewSections}), and approve / send back; one rule's
 * review alone ({@code ?rule=<id>}); the review steps' form (also used by the History tab).
 */
@Controller
class ReviewPageController {

    static final Map<String, String> NOTICES = Map.of("submitted", "The rule was submitted for review.",
            "approved", "The rule was approved.", "sent-back", "The rule was sent back to its author.",
            "retired", "The rule was retired.", "reopened", "The rule is a draft again.");

    /**
     * Waiting rules shown with their sections on the list (the longest waiting first); the others link to their own
     * review, so a long queue (a sync that put hundreds of approved rules back in review) stays a fast page.
     */
    static final int SECTIONS_SHOWN = 10;
    private static final int MAX_RULE_ID = 200;

    private final RuleReview review;
    private final RuleRevisions revisions;
    private final ReviewSections sections;

    ReviewPageController(RuleReview review, RuleRevisions revisions, ReviewSections sections) {
        this.review = review;
        this.revisions = revisions;
        this.sections = sections;
    }

    /**
     * One rule under review: its status, title, what changed since the approved revision, and the contributed
     * sections ({@code null} when the list leaves them to the rule's own review).
     */
    record Waiting(ReviewStatus status, String title, RevisionDiff diff, List<ReviewSectionView> sections) {

        /** Whether a review step can be taken here (approve and send back need the rule in review). */
        public boolean inReview() {
            return ReviewState.IN_REVIEW.json().equals(status.state());
        }
    }

    @EditorRole
    @GetMapping("/review")
    String waiting(@RequestParam(required = false) String notice, @RequestParam(required = false) String rule,
                   Model model) {
        List<Waiting> waiting;
        if (rule != null && !rule.isBlank()) {
            waiting = List.of(waiting(status(rule.strip()), true));
            model.addAttribute("single", true);
        } else {
            List<ReviewStatus> queue = review.waiting();
            waiting = new ArrayList<>();
            for (int i = 0; i < queue.size(); i++) {
                waiting.add(waiting(queue.get(i), i < SECTIONS_SHOWN));
            }
            model.addAttribute("single", false);
        }
        model.addAttribute("waiting", waiting);
        model.addAttribute("sectionsShown", SECTIONS_SHOWN);
        model.addAttribute("flash", NOTICES.get(notice == null ? "" : notice));
        return "review/list";
    }

    private ReviewStatus status(String ruleId) {
        if (ruleId.length() > MAX_RULE_ID) {
            throw PageException.badRequest("That is not a rule id.");
        }
        try {
            return review.status(ruleId);
        } catch (RuleNotFoundException e) {
            throw PageException.notFound("No rule with id “" + ruleId + "” is in the library.");
        }
    }

    private Waiting waiting(ReviewStatus s, boolean withSections) {
        return new Waiting(s, revisions.history(s.ruleId()).get(0).title(),
                revisions.diff(s.ruleId(), s.approvedRevision() == null ? 0 : s.approvedRevision(),
                        s.latestRevision()), withSections ? sections.views(s) : null);
    }

    /** A review step from a form; back to the Review page or the rule's History tab. */
    @EditorRole
    @PostMapping("/rules/{id}/review")
    String act(@PathVariable String id, @RequestParam String action, @RequestParam(required = false) String comment,
               @RequestParam(required = false) String back) {
        ReviewAction step = ReviewAction.of(action).orElseThrow(() -> PageException.badRequest("Unknown review step."));
        if (comment != null && comment.strip().length() > RuleService.MAX_COMMENT) {
            throw PageException.badRequest("The comment is longer than " + RuleService.MAX_COMMENT + " characters.");
        }
        try {
            review.act(id, step, comment);
        } catch (ReviewRefusedException e) {
            throw new PageException(HttpStatus.CONFLICT, e.getMessage());
        }
        String path = "review".equals(back) ? "/review" : "/rules/{id}/history";
        return "redirect:" + UriComponentsBuilder.fromPath(path).queryParam("notice", step.done())
                .buildAndExpand(id).encode().toUriString();
    }
}
