package io.detectionhub.pages;

import io.detectionhub.library.DuplicateRuleException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleVersionConflictException;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Confidence;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.security.EditorRole;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.parser.SigmaProblem;
import io.detectionhub.translate.TargetService;
import io.detectionhub.sigma.parser.SigmaValidationException;
import io.detectionhub.web.PageException;
import io.detectionhub.web.RequestText;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rule editor: new rule and edit rule. Live validation and preview run in the browser against the JSON API; this
 * controller is the form's server side, so the editor also works without JavaScript.
 */
@Controller
class RuleEditorPageController {

    static final String NEW_RULE_TEMPLATE = """
            title: A short title saying what the rule detects
            status: experimental
            description: What the rule detects and why it matters.
            author: Your name
            date: %s
            tags:
                - attack.execution
                - attack.t1059.004
            logsource:
                product: linux
                category: process_creation
            detection:
                selection:
                    Image|endswith: '/bash'
                    CommandLine|contains: '/dev/tcp/'
                condition: selection
            falsepositives:
                - Unknown
            level: medium
            """;

    /** The Sigma modifiers the editor completes after {@code |}. */
    static final String MODIFIERS = Arrays.stream(Modifier.values()).map(Modifier::keyword)
            .collect(Collectors.joining(","));

    private final RuleService rules;
    private final TargetService targets;

    RuleEditorPageController(RuleService rules, TargetService targets) {
        this.rules = rules;
        this.targets = targets;
    }

    /** The Sigma field names the built-in targets map, which the editor completes (sorted, comma-separated). */
    String fieldNames() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Target target : targets.builtIn()) {
            target.tables().values().forEach(table -> names.addAll(table.fields().keySet()));
        }
        return String.join(",", names);
    }

    @EditorRole
    @GetMapping("/rules/new")
    String newRule(Model model) {
        RuleEditForm form = new RuleEditForm();
        form.setYaml(NEW_RULE_TEMPLATE.formatted(java.time.LocalDate.now()));
        return editor(form, List.of(), model);
    }

    @EditorRole
    @PostMapping("/rules/new")
    String create(@ModelAttribute RuleEditForm form, Model model, HttpServletResponse response) {
        form.setId(null);
        try {
            StoredRule stored = rules.create(form.getYaml(), enrichmentOf(form, Enrichment.EMPTY), form.getComment());
            return "redirect:/rules/" + stored.id() + "?notice=created";
        } catch (SigmaValidationException e) {
            return rejected(form, problems(e), model, response);
        } catch (ConstraintViolationException e) {
            return rejected(form, problems(e), model, response);
        } catch (DuplicateRuleException e) {
            return rejected(form, List.of("A rule with id " + e.ruleId() + " is already in the library: change the "
                    + "id line (or remove it to get a new id), or edit that rule instead."), model, response);
        }
    }

    @EditorRole
    @GetMapping("/rules/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        return editor(formOf(find(id)), List.of(), model);
    }

    /**
     * Saves the YAML and the enrichment fields in one transaction, over the version the editor showed only: when the
     * rule changed meanwhile nothing is saved, and the page shows their version beside what was typed (409).
     */
    @EditorRole
    @PostMapping("/rules/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute RuleEditForm form, Model model,
                         HttpServletResponse response) {
        StoredRule before = find(id);
        form.setId(id);
        form.setTitle(before.document().title());
        if (form.getVersion() == null || form.getVersion() != before.version()) {
            return changedMeanwhile(form, before, model, response);
        }
        try {
            rules.replaceAndEdit(id, form.getYaml(),
                    current -> applyChangedParts(form, before.enrichment(), current), form.getVersion(),
                    form.getComment());
            return "redirect:/rules/" + id + "?notice=saved";
        } catch (RuleVersionConflictException e) {
            return changedMeanwhile(form, find(id), model, response);
        } catch (SigmaValidationException e) {
            return rejected(form, problems(e), model, response);
        } catch (ConstraintViolationException e) {
            return rejected(form, problems(e), model, response);
        }
    }

    /**
     * The editor again, with what was typed and, beside it, the version saved meanwhile; the form now carries that
     * version, so saving again replaces it knowingly.
     */
    private String changedMeanwhile(RuleEditForm yours, StoredRule theirs, Model model,
                                    HttpServletResponse response) {
        model.addAttribute("conflict", new RuleEditConflict(theirs.updatedBy(), theirs.updatedAt(), theirs.version(),
                formOf(theirs)));
        yours.setVersion(theirs.version());
        response.setStatus(HttpStatus.CONFLICT.value());
        return editor(yours, List.of(), model);
    }

    private StoredRule find(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound(
                "No rule with id “" + id + "” is in the library, so there is nothing to edit."));
    }

    private String editor(RuleEditForm form, List<String> problems, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("targets", RuleKqlTabs.TARGET_NAMES.entrySet());
        model.addAttribute("confidences", Arrays.stream(Confidence.values()).map(Confidence::json).toList());
        model.addAttribute("modifiers", MODIFIERS);
        model.addAttribute("fieldNames", fieldNames());
        return "rules/edit";
    }

    private String rejected(RuleEditForm form, List<String> problems, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return editor(form, problems, model);
    }

    /** The editor's fields for a stored rule, with the version they show. */
    static RuleEditForm formOf(StoredRule stored) {
        RuleEditForm form = new RuleEditForm();
        form.setId(stored.id());
        form.setTitle(stored.document().title());
        form.setVersion(stored.version());
        form.setYaml(stored.yaml());
        fill(form, stored.enrichment());
        return form;
    }

    static void fill(RuleEditForm form, Enrichment e) {
        form.setHuntHypothesis(e.huntHypothesis() == null ? "" : e.huntHypothesis());
        form.setFalsePositiveGuidance(RuleEditForm.joinLines(e.tuningGuidance()));
        form.setDataSources(RuleEditForm.joinLines(e.dataSources()));
        form.setRequiredTables(RuleEditForm.joinLines(e.requiredTables()));
        form.setConfidence(e.confidence() == null ? "" : e.confidence().json());
        form.setSourceUrl(e.sourceUrl() == null ? "" : e.sourceUrl());
    }

    /** The form's enrichment parts over {@code base} (empty form fields leave the part to derivation). */
    static Enrichment enrichmentOf(RuleEditForm form, Enrichment base) {
        String confidence = RequestText.blankToNull(form.getConfidence());
        return new Enrichment(RequestText.blankToNull(form.getHuntHypothesis()),
                RuleEditForm.lines(form.getFalsePositiveGuidance()), base.attack(), base.atomicTests(),
                RuleEditForm.lines(form.getDataSources()), RuleEditForm.lines(form.getRequiredTables()),
                confidence == null ? null : Confidence.parse(confidence), RequestText.blankToNull(form.getSourceUrl()),
                base.retrievedAt(), base.generated(), base.deployment());
    }

    /**
     * The enrichment after an edit: each part the person changed in the form (compared with what the form showed,
     * {@code shown}) replaces the same part of {@code current}; unchanged parts keep what the library derived again.
     */
    static Enrichment applyChangedParts(RuleEditForm form, Enrichment shown, Enrichment current) {
        Enrichment fromForm = enrichmentOf(form, shown);
        return new Enrichment(
                pick(fromForm.huntHypothesis(), shown.huntHypothesis(), current.huntHypothesis()),
                pick(fromForm.tuningGuidance(), shown.tuningGuidance(), current.tuningGuidance()),
                current.attack(), current.atomicTests(),
                pick(fromForm.dataSources(), shown.dataSources(), current.dataSources()),
                pick(fromForm.requiredTables(), shown.requiredTables(), current.requiredTables()),
                pick(fromForm.confidence(), shown.confidence(), current.confidence()),
                pick(fromForm.sourceUrl(), shown.sourceUrl(), current.sourceUrl()),
                current.retrievedAt(), current.generated(), current.deployment());
    }

    private static <T> T pick(T edited, T shown, T current) {
        return Objects.equals(edited, shown) ? current : edited;
    }

    static List<String> problems(SigmaValidationException e) {
        return e.problems().stream().map(SigmaProblem::toString).toList();
    }

    static List<String> problems(ConstraintViolationException e) {
        List<String> problems = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            problems.add("enrichment " + v.getPropertyPath() + ": " + v.getMessage());
        }
        return problems;
    }
}
