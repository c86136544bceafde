package io.detectionhub.deployment.web;

import io.detectionhub.deployment.DeployedRevision;
import io.detectionhub.deployment.DeploymentExports;
import io.detectionhub.deployment.DeploymentFormat;
import io.detectionhub.deployment.ExportJob;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.security.ViewerRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Rules page's "Export for deployment": starts a background export and shows its progress and download. */
@Controller
class ExportPageController {

    private final DeploymentExports exports;

    ExportPageController(DeploymentExports exports) {
        this.exports = exports;
    }

    @ViewerRole
    @PostMapping("/deploy/exports")
    String start(@ModelAttribute RuleSearch search, @RequestParam(required = false) String format,
                 @RequestParam(required = false) String target, @RequestParam(required = false) String revision) {
        DeployedRevision deployed = DeployedRevision.of(revision);
        ExportJob job = exports.start(search.query(), DeploymentFormat.of(format), target, deployed,
                ExportView.selection(search, deployed));
        return "redirect:/deploy/exports/" + job.id();
    }

    @ViewerRole
    @GetMapping("/deploy/exports/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("job", ExportView.of(exports.find(id)));
        return "deploy/export";
    }
}
