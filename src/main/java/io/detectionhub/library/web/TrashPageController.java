package io.detectionhub.library.web;

import io.detectionhub.library.DuplicateRuleException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.revisions.NotInTrashException;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.library.revisions.TrashedRule;
import io.detectionhub.security.AdminRole;
import io.detectionhub.security.EditorRole;
import io.detectionhub.web.PageException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Map;

/** The trash page: deleted rules with restore (editors) and purge after a confirmation (admins). */
@Controller
class TrashPageController {

    static final Map<String, String> NOTICES = Map.of("purged", "The rule and its history were purged for good.");

    private final RuleRevisions revisions;

    TrashPageController(RuleRevisions revisions) {
        this.revisions = revisions;
    }

    @EditorRole
    @GetMapping("/trash")
    String trash(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("trash", revisions.trash());
        model.addAttribute("flash", NOTICES.get(notice == null ? "" : notice));
        return "trash/list";
    }

    @EditorRole
    @PostMapping("/trash/{id}/restore")
    String restore(@PathVariable String id, @RequestParam(required = false) String comment) {
        if (comment != null && comment.strip().length() > RuleService.MAX_COMMENT) {
            throw PageException.badRequest("The comment is longer than " + RuleService.MAX_COMMENT + " characters.");
        }
        try {
            revisions.restore(id, comment);
        } catch (NotInTrashException e) {
            throw PageException.notFound(e.getMessage());
        } catch (DuplicateRuleException e) {
            throw new PageException(org.springframework.http.HttpStatus.CONFLICT, "A rule with id “" + id
                    + "” was stored meanwhile, so the deleted one cannot come back under its id.");
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/rules/{id}/history").queryParam("notice", "restored")
                .buildAndExpand(id).encode().toUriString();
    }

    @AdminRole
    @GetMapping("/trash/{id}/purge")
    String confirmPurge(@PathVariable String id, Model model) {
        model.addAttribute("rule", trashed(id));
        return "trash/purge";
    }

    @AdminRole
    @PostMapping("/trash/{id}/purge")
    String purge(@PathVariable String id) {
        try {
            revisions.purge(id);
        } catch (NotInTrashException e) {
            throw PageException.notFound(e.getMessage());
        }
        return "redirect:/trash?notice=purged";
    }

    private TrashedRule trashed(String id) {
        try {
            return revisions.trashed(id);
        } catch (NotInTrashException e) {
            throw PageException.notFound(e.getMessage());
        }
    }
}
