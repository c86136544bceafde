package io.detectionhub.library.web;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleVersionConflictException;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RevisionDiff;
import io.detectionhub.library.revisions.RevisionNotFoundException;
import io.detectionhub.library.revisions.RevisionSummary;
import io.detectionhub.library.revisions.RuleRevision;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.library.revisions.TrashedRule;
import io.detectionhub.library.workflow.RuleReview;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.web.PageException;
import jakarta.servlet.http.HttpServletResponse;
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
 * The rule's History tab: its revisions, a side-by-side diff of any two (rendered on the server, readable without
 * JavaScript), one revision's text, and revert with a confirmation (a form with the rule's version and a comment).
 */
@Controller
class RuleHistoryPageController {

    static final Map<String, String> NOTICES = Map.of("reverted", "The rule was reverted; that is a new revision.",
            "restored", "The rule was restored from the trash with its enrichment and history.");

    private final RuleRevisions revisions;
    private final RuleService rules;
    private final RuleReview review;

    RuleHistoryPageController(RuleRevisions revisions, RuleService rules, RuleReview review) {
        this.revisions = revisions;
        this.rules = rules;
        this.review = review;
    }

    @ViewerRole
    @GetMapping("/rules/{id}/history")
    String history(@PathVariable String id, @RequestParam(required = false) Integer from,
                   @RequestParam(required = false) Integer to, @RequestParam(required = false) String notice,
                   Model model) {
        List<RevisionSummary> history = history(id);
        int latest = history.get(0).number();
        int b = to == null ? latest : to;
        int a = from == null ? Math.max(b - 1, 0) : from;
        model.addAttribute("diff", diff(id, a, b));
        model.addAttribute("from", a);
        model.addAttribute("to", b);
        addRule(id, history, model);
        model.addAttribute("flash", notice == null ? null
                : NOTICES.getOrDefault(notice, ReviewPageController.NOTICES.get(notice)));
        model.addAttribute("review", rules.exists(id) ? review.status(id) : null);
        return "rules/history";
    }

    @ViewerRole
    @GetMapping("/rules/{id}/history/{number}")
    String revision(@PathVariable String id, @PathVariable int number, Model model) {
        List<RevisionSummary> history = history(id);
        RuleRevision revision;
        try {
            revision = revisions.revision(id, number);
        } catch (RevisionNotFoundException e) {
            throw PageException.notFound(e.getMessage());
        }
        model.addAttribute("revision", revision);
        model.addAttribute("enrichment", revision.enrichmentJson());
        model.addAttribute("parts", revisions.parts(id, number));
        addRule(id, history, model);
        return "rules/revision";
    }

    @EditorRole
    @GetMapping("/rules/{id}/revert")
    String confirmRevert(@PathVariable String id, @RequestParam int to, Model model) {
        StoredRule current = stored(id);
        return revertPage(current, to, null, model);
    }

    /** Reverts over the version the confirmation showed only; when the rule changed meanwhile, asks again (409). */
    @EditorRole
    @PostMapping("/rules/{id}/revert")
    String revert(@PathVariable String id, @RequestParam int to, @RequestParam(required = false) Long version,
                  @RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
        StoredRule current = stored(id);
        if (comment != null && comment.strip().length() > RuleService.MAX_COMMENT) {
            throw PageException.badRequest("The comment is longer than " + RuleService.MAX_COMMENT + " characters.");
        }
        if (version != null && version == current.version()) {
            try {
                revisions.revert(id, to, version, comment);
                return "redirect:" + UriComponentsBuilder.fromPath("/rules/{id}/history")
                        .queryParam("notice", "reverted").buildAndExpand(id).encode().toUriString();
            } catch (RuleVersionConflictException e) {
                current = stored(id);
            } catch (RevisionNotFoundException e) {
                throw PageException.notFound(e.getMessage());
            } catch (SigmaValidationException e) {
                throw PageException.badRequest("Revision " + to + " is not a valid rule any more: "
                        + e.getMessage());
            }
        }
        response.setStatus(HttpStatus.CONFLICT.value());
        return revertPage(current, to, "This rule was changed by " + (current.updatedBy() == null ? "someone"
                : current.updatedBy()) + " since you opened this page; it is now at version " + current.version()
                + ". Look at the changes below again before you revert.", model);
    }

    private String revertPage(StoredRule current, int to, String changedMeanwhile, Model model) {
        String id = current.id();
        int latest = revisions.latest(id);
        model.addAttribute("diff", diff(id, latest, to));
        model.addAttribute("to", to);
        model.addAttribute("latest", latest);
        model.addAttribute("version", current.version());
        model.addAttribute("changedMeanwhile", changedMeanwhile);
        model.addAttribute("rule", new HistoryRule(id, current.document().title(), true, null));
        return "rules/revert";
    }

    private List<RevisionSummary> history(String id) {
        try {
            return revisions.history(id);
        } catch (RuleNotFoundException e) {
            throw PageException.notFound("Rule “" + id + "” has no history: it was never stored, or an admin "
                    + "purged it.");
        }
    }

    private RevisionDiff diff(String id, int from, int to) {
        try {
            return revisions.diff(id, from, to);
        } catch (RevisionNotFoundException e) {
            throw PageException.notFound(e.getMessage());
        }
    }

    private void addRule(String id, List<RevisionSummary> history, Model model) {
        boolean stored = rules.exists(id);
        TrashedRule trashed = stored ? null : revisions.findTrashed(id).orElse(null);
        model.addAttribute("rule", new HistoryRule(id, history.get(0).title(), stored, trashed));
        model.addAttribute("history", history);
        model.addAttribute("latest", history.get(0).number());
    }

    private StoredRule stored(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound("No rule with id “" + id + "” is in the "
                + "library. If it was deleted, restore it from the trash first."));
    }

    /** The rule the history belongs to: stored, or deleted ({@code trashed}), or neither (purged meanwhile). */
    record HistoryRule(String id, String title, boolean stored, TrashedRule trashed) {
    }
}
