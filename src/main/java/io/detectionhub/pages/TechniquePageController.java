package io.detectionhub.pages;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.TechniqueDetails;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.attack.coverage.RuleRef;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.FiringRule;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.Status;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TechniqueResult;
import io.detectionhub.attack.coverage.atomic.AtomicCoverageResults.TestResult;
import io.detectionhub.coverage.AtomicCoverageOnPages;
import io.detectionhub.coverage.CoverageService;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.web.PageException;
import io.detectionhub.web.PlainText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The technique page: what the technique is, the rules detecting it and its Atomic Red Team tests. */
@Controller
class TechniquePageController {

    /** A rule detecting the technique; {@code via} names the sub-technique it is tagged with, if not this one. */
    public record DetectingRule(String id, String title, String level, String via) {
    }

    /** One Atomic test with the outcome of the Atomic-driven coverage check. */
    public record AtomicRow(int number, String name, String guid, String url, List<String> platforms, String executor,
                            String status, String reason, List<FiringRule> firingRules) {
    }

    private final AttackService attack;
    private final CoverageService coverage;
    private final AtomicCoverageOnPages atomicCoverage;

    TechniquePageController(AttackService attack, CoverageService coverage,
                                   AtomicCoverageOnPages atomicCoverage) {
        this.attack = attack;
        this.coverage = coverage;
        this.atomicCoverage = atomicCoverage;
    }

    @ViewerRole
    @GetMapping("/techniques/{id}")
    String technique(@PathVariable String id, Model model) {
        String normalized = Technique.normalizeId(id);
        if (!Technique.isTechniqueId(normalized)) {
            throw PageException.notFound("“" + id + "” is not an ATT&CK technique id. Technique ids look like T1059 "
                    + "or T1059.004.");
        }
        TechniqueDetails details = attack.details(normalized);
        CoverageReport report = coverage.coverage(CoverageFilter.ANY);
        model.addAttribute("technique", details);
        model.addAttribute("description", PlainText.fromMarkdown(details.description()));
        model.addAttribute("rules", detectingRules(details, report));
        model.addAttribute("suppressedRules", report.fullySuppressed().stream()
                .filter(r -> r.techniqueIds().stream().map(Technique::normalizeId)
                        .anyMatch(t -> t.equals(details.id()) || t.startsWith(details.id() + ".")))
                .toList());
        Optional<TechniqueResult> checked = atomicCoverage.forTechnique(normalized, AtomicCoverageOnPages.PAGE_WAIT);
        model.addAttribute("atomicChecked", checked.isPresent());
        model.addAttribute("atomicRows", atomicRows(details, checked.orElse(null)));
        return "techniques/show";
    }

    static List<AtomicRow> atomicRows(TechniqueDetails details, TechniqueResult checked) {
        Map<String, TestResult> byGuid = new LinkedHashMap<>();
        if (checked != null) {
            checked.results().forEach(r -> byGuid.put(r.guid(), r));
        }
        List<AtomicRow> rows = new ArrayList<>();
        for (AtomicTest test : details.atomicTests()) {
            TestResult r = byGuid.get(test.guid());
            Map<String, FiringRule> firing = new LinkedHashMap<>();
            if (r != null) {
                r.events().forEach(e -> e.rules().forEach(f -> firing.putIfAbsent(f.ruleId(), f)));
            }
            rows.add(new AtomicRow(test.number(), test.name(), test.guid(), test.url(details.id()), test.platforms(),
                    test.executor() == null ? null : test.executor().name(),
                    r == null ? (checked == null ? "PENDING" : Status.NOT_SIMULATED.name()) : r.status().name(),
                    r == null ? null : r.reason(),
                    List.copyOf(firing.values())));
        }
        return rows;
    }

    /** Rules tagged with the technique itself, then rules tagged only with one of its sub-techniques. */
    static List<DetectingRule> detectingRules(TechniqueDetails details, CoverageReport report) {
        Map<String, DetectingRule> rules = new LinkedHashMap<>();
        for (RuleRef r : report.rulesFor(details.id())) {
            rules.putIfAbsent(r.id(), new DetectingRule(r.id(), r.title(), r.level(), null));
        }
        for (TechniqueDetails.TechniqueRef sub : details.subTechniques()) {
            for (RuleRef r : report.rulesFor(sub.id())) {
                rules.putIfAbsent(r.id(), new DetectingRule(r.id(), r.title(), r.level(), sub.id()));
            }
        }
        return new ArrayList<>(rules.values());
    }
}
