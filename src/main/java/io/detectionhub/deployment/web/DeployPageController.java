package io.detectionhub.deployment.web;

import io.detectionhub.deployment.DeploymentExport;
import io.detectionhub.deployment.DeploymentFormat;
import io.detectionhub.deployment.DeploymentService;
import io.detectionhub.deployment.NotDeployableException;
import io.detectionhub.deployment.SettingsView;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleVersionConflictException;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.translate.TargetService;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule page's Deploy tab: the rule as an ARM template, Azure-Sentinel YAML and Defender custom detection, each with
 * the validator's findings, and the form for the rule's deployment settings (editors).
 */
@Controller
class DeployPageController {

    private final DeploymentService deployment;
    private final RuleService rules;
    private final TargetService targets;

    DeployPageController(DeploymentService deployment, RuleService rules, TargetService targets) {
        this.deployment = deployment;
        this.rules = rules;
        this.targets = targets;
    }

    /** One format's preview on the page. */
    record Preview(String format, String label, String target, String fileName, String content, String refusal,
                   List<String> errors, List<String> warnings, String downloadUrl) {
    }

    @ViewerRole
    @GetMapping("/rules/{id}/deploy")
    String page(@PathVariable String id, @RequestParam(required = false) String target,
                @RequestParam(required = false) String defenderTarget, @RequestParam(required = false) String notice,
                Model model) {
        StoredRule rule = find(id);
        model.addAttribute("form", DeploySettingsForm.of(rule.enrichment().deployment(), rule.version()));
        model.addAttribute("flash", "saved".equals(notice) ? "Deployment settings saved." : null);
        return render(rule, target, defenderTarget, model);
    }

    @EditorRole
    @PostMapping("/rules/{id}/deploy")
    String save(@PathVariable String id, @ModelAttribute("form") DeploySettingsForm form,
                @RequestParam(required = false) String target, @RequestParam(required = false) String defenderTarget,
                Model model, HttpServletResponse response) {
        StoredRule rule = find(id);
        List<String> problems = new ArrayList<>();
        DeploymentSettings settings = form.settings(problems);
        if (problems.isEmpty()) {
            try {
                deployment.updateSettings(id, settings, form.getVersion());
                return "redirect:" + UriComponentsBuilder.fromPath("/rules/{id}/deploy").queryParam("notice", "saved")
                        .buildAndExpand(id).encode().toUriString();
            } catch (RuleVersionConflictException e) {
                rule = find(id);
                problems.add("This rule was changed by " + (e.changedBy() == null ? "someone" : e.changedBy())
                        + " since you opened this page; it is now at version " + e.currentVersion() + ". Your "
                        + "settings are below: check them against the current rule and save again.");
                form.setVersion(rule.version());
                response.setStatus(HttpStatus.CONFLICT.value());
            } catch (NotDeployableException e) {
                e.findings().forEach(f -> problems.add(f.field() + ": " + f.message()));
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            } catch (ConstraintViolationException e) {
                for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                    problems.add(v.getPropertyPath().toString().replaceFirst("^.*deployment\\.", "") + ": "
                            + v.getMessage());
                }
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("problems", problems);
        return render(rule, target, defenderTarget, model);
    }

    private String render(StoredRule rule, String target, String defenderTarget, Model model) {
        String sentinelTarget = target == null || target.isBlank() ? DeploymentFormat.ARM.defaultTarget() : target;
        String xdrTarget = defenderTarget == null || defenderTarget.isBlank()
                ? DeploymentFormat.DEFENDER_JSON.defaultTarget() : defenderTarget;
        List<Preview> previews = new ArrayList<>();
        previews.add(preview(rule, DeploymentFormat.ARM, "ARM template", sentinelTarget));
        previews.add(preview(rule, DeploymentFormat.SENTINEL_YAML, "Sentinel YAML", sentinelTarget));
        previews.add(preview(rule, DeploymentFormat.DEFENDER_JSON, "Defender custom detection", xdrTarget));
        SettingsView settings = deployment.settings(rule.id());
        model.addAttribute("rule", rule);
        model.addAttribute("title", rule.document().title());
        model.addAttribute("previews", previews);
        model.addAttribute("effective", settings.effective());
        model.addAttribute("targetNames", targets.names());
        model.addAttribute("sentinelTarget", sentinelTarget);
        model.addAttribute("defenderTarget", xdrTarget);
        return "rules/deploy";
    }

    private Preview preview(StoredRule rule, DeploymentFormat format, String label, String targetName) {
        DeploymentExport e = deployment.export(rule, format, deployment.target(format, targetName));
        String url = UriComponentsBuilder.fromPath("/api/rules/{id}/deploy").queryParam("format", format.keyword())
                .queryParam("target", e.target()).buildAndExpand(rule.id()).encode().toUriString();
        return new Preview(format.keyword(), label, e.target(), e.fileName(), e.content(), e.refusal(),
                e.errors().stream().map(f -> f.field() + ": " + f.message()).toList(),
                e.findings().stream().filter(f -> !f.isError()).map(f -> f.field() + ": " + f.message()).toList(),
                e.valid() ? url : null);
    }

    private StoredRule find(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound("No rule with id “" + RequestText.printable(id)
                + "” is in the library. It may have been deleted; search the rules instead."));
    }
}
