package io.detectionhub.ruletests.web;

import java.util.List;

import io.detectionhub.ruletests.TestRun;
import io.detectionhub.ruletests.TestRunService;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.PageException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The runs page (recent runs, start one) and a run's page with its progress bar and results. */
@Controller
class TestRunPageController {

    private final TestRunService runs;

    TestRunPageController(TestRunService runs) {
        this.runs = runs;
    }

    @ViewerRole
    @GetMapping("/tests/runs")
    String list(Model model) {
        model.addAttribute("runs", runs.recent(50));
        return "ruletests/runs";
    }

    @EditorRole
    @PostMapping("/tests/runs")
    String start(@RequestParam(required = false) String ruleIds) {
        List<String> ids = ruleIds == null ? List.of() : List.of(ruleIds.split("[,\\s]+")).stream()
                .filter(s -> !s.isBlank()).toList();
        long id = runs.start(ids.isEmpty() ? new TestRunService.Scope.Library() : new TestRunService.Scope.Ids(ids));
        return "redirect:/tests/runs/" + id;
    }

    @ViewerRole
    @GetMapping("/tests/runs/{runId}")
    String run(@PathVariable long runId, Model model) {
        TestRun run = runs.find(runId, true, true).orElseThrow(() -> PageException.notFound("No test run "
                + runId + "."));
        model.addAttribute("run", run);
        model.addAttribute("failures", run.results().stream().filter(r -> !"passed".equals(r.outcome())).toList());
        return "ruletests/run";
    }
}
