package io.detectionhub.attack;

import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.attack.coverage.CoverageService;
import io.detectionhub.attack.coverage.RuleRef;
import io.detectionhub.web.PageException;
import io.detectionhub.web.PlainText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The technique page: what the technique is, the rules detecting it and its Atomic Red Team tests. */
@Controller
public class TechniquePageController {

    /** A rule detecting the technique; {@code via} names the sub-technique it is tagged with, if not this one. */
    public record DetectingRule(String id, String title, String level, String via) {
    }

    private final AttackService attack;
    private final CoverageService coverage;

    public TechniquePageController(AttackService attack, CoverageService coverage) {
        this.attack = attack;
        this.coverage = coverage;
    }

    @GetMapping("/techniques/{id}")
    public String technique(@PathVariable String id, Model model) {
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
        model.addAttribute("searchQuery", null);
        return "techniques/show";
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
