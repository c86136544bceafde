package io.detectionhub.ruletests.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.detectionhub.evaluate.EvaluationService;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.ruletests.CaseResult;
import io.detectionhub.ruletests.RuleTestCase;
import io.detectionhub.ruletests.RuleTestNotFoundException;
import io.detectionhub.ruletests.RuleTestService;
import io.detectionhub.ruletests.RuleTestVersionConflictException;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.PageException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Tests tab of a rule: its test cases, add (or start from generated ones), edit, delete, run. */
@Controller
class RuleTestsPageController {

    private final RuleTestService tests;
    private final RuleService rules;
    private final EvaluationService evaluation;

    RuleTestsPageController(RuleTestService tests, RuleService rules, EvaluationService evaluation) {
        this.tests = tests;
        this.rules = rules;
        this.evaluation = evaluation;
    }

    /**
     * The tab; {@code run=true} runs the cases as it opens (nothing is stored), so a link can lead straight to a
     * case's result and explanation (the Review page links each case to {@code ?run=true#why-<id>}).
     */
    @ViewerRole
    @GetMapping("/rules/{id}/tests")
    String page(@PathVariable String id, @RequestParam(required = false) boolean generate,
                @RequestParam(required = false) boolean run, @RequestParam(required = false) String notice,
                Model model) {
        List<RuleTestForm> drafts = new ArrayList<>();
        String note = null;
        if (generate) {
            RuleTestService.Generated g = tests.generate(id);
            g.drafts().forEach(d -> drafts.add(RuleTestForm.of(d, null)));
            note = g.note();
        }
        if (drafts.isEmpty()) {
            drafts.add(new RuleTestForm());
        }
        model.addAttribute("notice", notice == null ? null : switch (notice) {
            case "added" -> "Test case added.";
            case "saved" -> "Test case saved.";
            case "deleted" -> "Test case deleted.";
            default -> null;
        });
        return render(id, drafts, note, run ? tests.run(id) : null, null, model);
    }

    @ViewerRole
    @PostMapping("/rules/{id}/tests/run")
    String run(@PathVariable String id, Model model) {
        List<CaseResult> results = tests.run(id);
        return render(id, List.of(new RuleTestForm()), null, results, null, model);
    }

    @EditorRole
    @PostMapping("/rules/{id}/tests")
    String add(@PathVariable String id, @ModelAttribute RuleTestForm form, Model model,
               HttpServletResponse response) {
        try {
            tests.create(id, form.draft());
            return "redirect:/rules/" + id + "/tests?notice=added";
        } catch (BadRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(id, List.of(form), null, null, e.getMessage(), model);
        }
    }

    @EditorRole
    @GetMapping("/rules/{id}/tests/{testId}/edit")
    String edit(@PathVariable String id, @PathVariable long testId, Model model) {
        RuleTestCase c = find(id, testId);
        return editor(id, testId, RuleTestForm.of(c), null, null, model);
    }

    @EditorRole
    @PostMapping("/rules/{id}/tests/{testId}/edit")
    String save(@PathVariable String id, @PathVariable long testId, @ModelAttribute RuleTestForm form, Model model,
                HttpServletResponse response) {
        find(id, testId);
        try {
            tests.replace(id, testId, form.draft(), form.getVersion() == null ? -1L : form.getVersion());
            return "redirect:/rules/" + id + "/tests?notice=saved";
        } catch (RuleTestVersionConflictException e) {
            RuleTestCase theirs = find(id, testId);
            form.setVersion(theirs.version());
            response.setStatus(HttpStatus.CONFLICT.value());
            return editor(id, testId, form, null, "This test case was changed" + (theirs.updatedBy() == null ? ""
                    : " by " + theirs.updatedBy()) + " since you opened it. Saving again replaces their version "
                    + "with yours.", model);
        } catch (BadRequestException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return editor(id, testId, form, e.getMessage(), null, model);
        }
    }

    @EditorRole
    @PostMapping("/rules/{id}/tests/{testId}/delete")
    String delete(@PathVariable String id, @PathVariable long testId, @RequestParam(required = false) Long version) {
        find(id, testId);
        try {
            tests.delete(id, testId, version == null ? -1L : version);
        } catch (RuleTestVersionConflictException e) {
            throw new PageException(HttpStatus.CONFLICT, "This test case was changed since you opened the page: "
                    + "reload it and delete again.");
        }
        return "redirect:/rules/" + id + "/tests?notice=deleted";
    }

    private RuleTestCase find(String id, long testId) {
        try {
            return tests.get(id, testId);
        } catch (RuleTestNotFoundException e) {
            throw PageException.notFound(e.getMessage());
        }
    }

    private StoredRule rule(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound("No rule with id “" + id
                + "” is in the library."));
    }

    private String render(String id, List<RuleTestForm> drafts, String note, List<CaseResult> results, String error,
                          Model model) {
        StoredRule rule = rule(id);
        List<RuleTestCase> cases = tests.list(id);
        Map<Long, CaseResult> byCase = new LinkedHashMap<>();
        if (results != null) {
            results.forEach(r -> byCase.put(r.testId(), r));
        }
        model.addAttribute("rule", rule);
        model.addAttribute("title", rule.document().title());
        model.addAttribute("cases", cases);
        model.addAttribute("results", byCase);
        model.addAttribute("ran", results != null);
        model.addAttribute("passed", results == null ? 0 : results.stream().filter(CaseResult::passed).count());
        model.addAttribute("drafts", drafts);
        model.addAttribute("generatedNote", note);
        model.addAttribute("error", error);
        model.addAttribute("schemas", schemas());
        model.addAttribute("simulations", tests.simulations(id));
        return "ruletests/tests";
    }

    private String editor(String id, long testId, RuleTestForm form, String error, String conflict, Model model) {
        StoredRule rule = rule(id);
        model.addAttribute("rule", rule);
        model.addAttribute("title", rule.document().title());
        model.addAttribute("testId", testId);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("conflict", conflict);
        model.addAttribute("schemas", schemas());
        return "ruletests/edit";
    }

    private Map<String, String> schemas() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sigma", "Sigma field names");
        evaluation.schemas().forEach(s -> out.put(s, s + " columns"));
        return out;
    }
}
