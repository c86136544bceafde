package io.detectionhub.library.web;

import io.detectionhub.library.RuleService;
import io.detectionhub.library.revisions.RevisionDiff;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.library.workflow.ReviewAction;
import io.detectionhub.library.workflow.ReviewRefusedException;
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

import java.util.List;
import java.util.Map;

/**
 * The Review page: rules waiting for review, each with the diff against its approved revision, and approve / send
 * back; the review steps' form (also used by the History tab).
 */
@Controller
class ReviewPageController {

    static final Map<String, String> NOTICES = Map.of("submitted", "The rule was submitted for review.",
            "approved", "The rule was approved.", "sent-back", "The rule was sent back to its author.",
            "retired", "The rule was retired.", "reopened", "The rule is a draft again.");

    private final RuleReview review;
    private final RuleRevisions revisions;

    ReviewPageController(RuleReview review, RuleRevisions revisions) {
        this.review = review;
        this.revisions = revisions;
    }

    /** One rule waiting: its status, title and what changed since the approved revision. */
    record Waiting(ReviewStatus status, String title, RevisionDiff diff) {
    }

    @EditorRole
    @GetMapping("/review")
    String waiting(@RequestParam(required = false) String notice, Model model) {
        List<Waiting> waiting = review.waiting().stream().map(s -> new Waiting(s,
                revisions.history(s.ruleId()).get(0).title(),
                revisions.diff(s.ruleId(), s.approvedRevision() == null ? 0 : s.approvedRevision(),
                        s.latestRevision()))).toList();
        model.addAttribute("waiting", waiting);
        model.addAttribute("flash", NOTICES.get(notice == null ? "" : notice));
        return "review/list";
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
