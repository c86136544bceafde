package io.detectionhub.coverage.web;

import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.attack.coverage.TacticCoverage;
import io.detectionhub.attack.coverage.TechniqueCoverage;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults;
import io.detectionhub.coverage.AtomicCoverageOnPages;
import io.detectionhub.coverage.CoverageRuleSource;
import io.detectionhub.coverage.CoverageService;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.RequestText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** The coverage page: the ATT&amp;CK matrix as a heatmap of rules per technique, with filters and export links. */
@Controller
class CoveragePageController {

    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");

    /** One heatmap column as the template draws it. */
    public record Column(String tacticId, String tacticName, int covered, int total, List<Cell> cells) {
    }

    /** One heatmap cell; {@code heat} is the colour step 0-5. */
    public record Cell(String id, String name, int rules, int heat, boolean sub) {
    }

    /** The selected filter values, as the form shows them (blank = any). */
    public record Selection(String level, String status, String product) {
    }

    public record Summary(int coveredTechniques, int totalTechniques, int rules) {
    }

    private final CoverageService coverage;
    private final AtomicCoverageOnPages atomicCoverage;
    private final ObjectProvider<CoverageRuleSource> rules;

    CoveragePageController(CoverageService coverage, AtomicCoverageOnPages atomicCoverage,
                                  ObjectProvider<CoverageRuleSource> rules) {
        this.coverage = coverage;
        this.atomicCoverage = atomicCoverage;
        this.rules = rules;
    }

    @ViewerRole
    @GetMapping("/coverage")
    String coverage(@RequestParam(required = false) String level,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String product, Model model) {
        Selection selection = new Selection(RequestText.blankToNull(level), RequestText.blankToNull(status),
                RequestText.blankToNull(product));
        CoverageReport report = coverage.coverage(
                CoverageFilter.of(selection.level(), selection.status(), selection.product()));
        model.addAttribute("filter", selection);
        model.addAttribute("levels", LEVELS);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("products", products());
        model.addAttribute("summary", new Summary(report.techniquesCovered(), report.techniquesTotal(),
                report.rulesConsidered()));
        model.addAttribute("matrix", report.tactics().stream().map(CoveragePageController::column).toList());
        model.addAttribute("unplaced", report.unplaced());
        model.addAttribute("suppressed", report.fullySuppressed());
        AtomicCoverageResults.Summary atomics = atomicCoverage.summary(AtomicCoverageOnPages.PAGE_WAIT).orElse(null);
        model.addAttribute("atomics", atomics);
        model.addAttribute("atomicGaps", atomics == null ? List.of() : atomics.byTechnique().stream()
                .filter(t -> !t.undetectedTests().isEmpty()).toList());
        model.addAttribute("navigatorUrl", exportUrl("/api/coverage/navigator-layer", selection));
        model.addAttribute("csvUrl", exportUrl("/api/coverage.csv", selection));
        return "coverage";
    }

    private List<String> products() {
        CoverageRuleSource source = rules.getIfAvailable();
        if (source == null) {
            return List.of();
        }
        return List.copyOf(source.rules().stream().map(CoverageRule::product).filter(Objects::nonNull)
                .collect(() -> new TreeSet<>(), TreeSet::add, TreeSet::addAll));
    }

    static Column column(TacticCoverage tactic) {
        List<Cell> cells = new ArrayList<>();
        for (TechniqueCoverage t : tactic.techniques()) {
            cells.add(new Cell(t.id(), t.name() == null ? t.id() : t.name(), t.ruleCountWithSubTechniques(),
                    heat(t.ruleCountWithSubTechniques()), false));
            for (TechniqueCoverage sub : t.subTechniques()) {
                if (sub.ruleCount() > 0) {
                    cells.add(new Cell(sub.id(), sub.name() == null ? sub.id() : sub.name(), sub.ruleCount(),
                            heat(sub.ruleCount()), true));
                }
            }
        }
        return new Column(tactic.tactic().id(), tactic.tactic().name(), tactic.coveredTechniqueCount(),
                tactic.techniqueCount(), cells);
    }

    /** Colour steps of the legend: 0, 1, 2-3, 4-9, 10-24, 25+. */
    static int heat(int rules) {
        if (rules <= 0) {
            return 0;
        }
        if (rules == 1) {
            return 1;
        }
        if (rules <= 3) {
            return 2;
        }
        if (rules <= 9) {
            return 3;
        }
        return rules <= 24 ? 4 : 5;
    }

    private static String exportUrl(String path, Selection selection) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        if (selection.level() != null) {
            url.queryParam("level", selection.level());
        }
        if (selection.status() != null) {
            url.queryParam("status", selection.status());
        }
        if (selection.product() != null) {
            url.queryParam("product", selection.product());
        }
        return url.encode().build().toUriString();
    }
}
