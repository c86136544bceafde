package io.detectionhub.library.web;

import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.exceptions.DuplicateExceptionException;
import io.detectionhub.library.exceptions.ExceptionNotFoundException;
import io.detectionhub.library.exceptions.ExceptionRequest;
import io.detectionhub.library.exceptions.ExceptionVersionConflictException;
import io.detectionhub.library.exceptions.InvalidExceptionException;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.parser.SigmaProblem;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The rule's Exceptions tab: the list (expired ones flagged as no longer applied), a form to add or edit one (fields
 * and the filter's YAML), delete with a confirmation, and the pre-filled new-exception form other pages post to
 * ({@code POST /rules/{id}/exceptions/new}, e.g. "Suppress matches like this" on the Evaluate page), which saves
 * nothing. Forms work without JavaScript; a problem re-renders the form with the message and what was typed.
 */
@Controller
class ExceptionPageController {

    static final Map<String, String> NOTICES = Map.of("created", "The exception was added; that is a new revision "
                    + "of the rule.", "replaced", "The exception was saved; that is a new revision of the rule.",
            "deleted", "The exception was deleted; the rule's history keeps it (revert brings it back).");
    static final String TEMPLATE_YAML = """
            selection:
                ParentImage|endswith: '\\example.exe'
            condition: not selection
            """;

    private final RuleExceptions exceptions;
    private final RuleService rules;

    ExceptionPageController(RuleExceptions exceptions, RuleService rules) {
        this.exceptions = exceptions;
        this.rules = rules;
    }

    /** One exception as the list shows it. */
    record Row(RuleException exception, boolean expired) {
    }

    /** What the form shows: the fields as typed (strings), the exception's id and version when editing. */
    record Form(String id, Long version, String title, String yaml, String reason, String expires, String ticket,
                String comment) {

        public boolean creating() {
            return id == null;
        }

        ExceptionRequest request() {
            return new ExceptionRequest(yaml, title, reason, date(expires), ticket);
        }

        private static LocalDate date(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidExceptionException("expires", "'expires' must be a date like 2027-06-30, not '"
                        + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'.");
            }
        }
    }

    @ViewerRole
    @GetMapping("/rules/{id}/exceptions")
    String list(@PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        StoredRule rule = stored(id);
        LocalDate today = exceptions.today();
        List<Row> rows = exceptions.forRule(id).stream().map(e -> new Row(e, e.expiredOn(today))).toList();
        model.addAttribute("rule", rule);
        model.addAttribute("ruleTitle", rule.document().title());
        model.addAttribute("rows", rows);
        model.addAttribute("today", today);
        model.addAttribute("flash", notice == null ? null : NOTICES.get(notice));
        return "rules/exceptions";
    }

    @EditorRole
    @GetMapping("/rules/{id}/exceptions/new")
    String newForm(@PathVariable String id, Model model) {
        return form(stored(id), new Form(null, null, null, TEMPLATE_YAML, null, null, null, null), null, model);
    }

    /** The new-exception form pre-filled from another page (a draft from an evaluation result); saves nothing. */
    @EditorRole
    @PostMapping("/rules/{id}/exceptions/new")
    String prefilled(@PathVariable String id, @RequestParam(required = false) String yaml,
                     @RequestParam(required = false) String title, @RequestParam(required = false) String reason,
                     Model model) {
        if (yaml != null && yaml.length() > 64 * 1024) {
            throw PageException.badRequest("The YAML is longer than 64 KiB.");
        }
        return form(stored(id), new Form(null, null, title, yaml == null || yaml.isBlank() ? TEMPLATE_YAML : yaml,
                reason, null, null, null), null, model);
    }

    @EditorRole
    @PostMapping("/rules/{id}/exceptions")
    String create(@PathVariable String id, @RequestParam(required = false) String yaml,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String expires, @RequestParam(required = false) String ticket,
                  @RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
        StoredRule rule = stored(id);
        Form form = new Form(null, null, title, yaml, reason, expires, ticket, comment);
        try {
            exceptions.create(id, form.request(), comment(comment));
            return redirect(id, "created");
        } catch (SigmaValidationException | InvalidExceptionException | DuplicateExceptionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(rule, form, problems(e), model);
        }
    }

    @EditorRole
    @GetMapping("/rules/{id}/exceptions/{exceptionId}/edit")
    String editForm(@PathVariable String id, @PathVariable String exceptionId, Model model) {
        StoredRule rule = stored(id);
        RuleException e = exception(id, exceptionId);
        return form(rule, of(e), null, model);
    }

    /** Saves over the version the form showed only; when it changed meanwhile, shows the form again (409). */
    @EditorRole
    @PostMapping("/rules/{id}/exceptions/{exceptionId}/edit")
    String replace(@PathVariable String id, @PathVariable String exceptionId,
                   @RequestParam(required = false) Long version, @RequestParam(required = false) String yaml,
                   @RequestParam(required = false) String title, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) String expires, @RequestParam(required = false) String ticket,
                   @RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
        StoredRule rule = stored(id);
        exception(id, exceptionId);
        Form form = new Form(exceptionId, version, title, yaml, reason, expires, ticket, comment);
        if (version == null) {
            throw PageException.badRequest("The form has no version; open the exception's edit page again.");
        }
        try {
            exceptions.replace(id, exceptionId, form.request(), version, comment(comment));
            return redirect(id, "replaced");
        } catch (ExceptionVersionConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            RuleException now = exception(id, exceptionId);
            return form(rule, new Form(exceptionId, now.version(), title, yaml, reason, expires, ticket, comment),
                    List.of("This exception was changed since you opened the form (it is now at version "
                            + now.version() + ", saved " + now.updatedAt() + "). Saving again overwrites that "
                            + "change with what you see here."), model);
        } catch (SigmaValidationException | InvalidExceptionException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(rule, form, problems(e), model);
        }
    }

    @EditorRole
    @GetMapping("/rules/{id}/exceptions/{exceptionId}/delete")
    String confirmDelete(@PathVariable String id, @PathVariable String exceptionId, Model model) {
        StoredRule rule = stored(id);
        model.addAttribute("rule", rule);
        model.addAttribute("ruleTitle", rule.document().title());
        model.addAttribute("exception", exception(id, exceptionId));
        return "rules/exception-delete";
    }

    @EditorRole
    @PostMapping("/rules/{id}/exceptions/{exceptionId}/delete")
    String delete(@PathVariable String id, @PathVariable String exceptionId,
                  @RequestParam(required = false) Long version, @RequestParam(required = false) String comment,
                  Model model, HttpServletResponse response) {
        StoredRule rule = stored(id);
        exception(id, exceptionId);
        if (version == null) {
            throw PageException.badRequest("The form has no version; open the exception's delete page again.");
        }
        try {
            exceptions.delete(id, exceptionId, version, comment(comment));
            return redirect(id, "deleted");
        } catch (ExceptionVersionConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("rule", rule);
            model.addAttribute("ruleTitle", rule.document().title());
            model.addAttribute("exception", exception(id, exceptionId));
            model.addAttribute("changedMeanwhile", "This exception was changed since you opened this page; look "
                    + "at it again before you delete it.");
            return "rules/exception-delete";
        }
    }

    private String form(StoredRule rule, Form form, List<String> problems, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("ruleTitle", rule.document().title());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems == null ? List.of() : problems);
        return "rules/exception-form";
    }

    private static Form of(RuleException e) {
        return new Form(e.id(), e.version(), e.title(), e.yaml(), e.reason(),
                e.expires() == null ? null : e.expires().toString(), e.ticket(), null);
    }

    private static List<String> problems(RuntimeException e) {
        if (e instanceof SigmaValidationException invalid) {
            return invalid.problems().stream().map(SigmaProblem::toString).toList();
        }
        return List.of(e.getMessage());
    }

    private static String comment(String comment) {
        if (comment != null && comment.strip().length() > RuleService.MAX_COMMENT) {
            throw PageException.badRequest("The comment is longer than " + RuleService.MAX_COMMENT + " characters.");
        }
        return comment;
    }

    private static String redirect(String id, String notice) {
        return "redirect:" + UriComponentsBuilder.fromPath("/rules/{id}/exceptions").queryParam("notice", notice)
                .buildAndExpand(id).encode().toUriString();
    }

    private StoredRule stored(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound("No rule with id “" + id + "” is in the "
                + "library. If it was deleted, restore it from the trash first: its exceptions come back with it."));
    }

    private RuleException exception(String id, String exceptionId) {
        return exceptions.find(id, exceptionId).orElseThrow(() -> PageException.notFound(
                new ExceptionNotFoundException(id, exceptionId).getMessage()));
    }
}
