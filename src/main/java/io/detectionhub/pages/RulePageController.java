package io.detectionhub.pages;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.TechniqueDetails;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleVersionConflictException;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.Enrichment;
import io.detectionhub.library.enrichment.EnrichmentPart;
import io.detectionhub.security.EditorRole;
import io.detectionhub.security.ViewerRole;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.translate.TargetService;
import io.detectionhub.web.PageException;
import io.detectionhub.web.PlainText;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The rule page and the delete confirmation. */
@Controller
class RulePageController {

    static final int RELATED_LIMIT = 8;
    /** Messages after a redirect (the app keeps no session, so they travel as a key in the URL). */
    static final Map<String, String> NOTICES = Map.of("created", "The rule was created.", "saved",
            "Your changes were saved.");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RuleService rules;
    private final RuleCards cards;
    private final RuleKqlTabs kql;
    private final AttackService attack;
    private final TargetService targets;

    RulePageController(RuleService rules, RuleCards cards, RuleKqlTabs kql, AttackService attack,
                       TargetService targets) {
        this.rules = rules;
        this.cards = cards;
        this.kql = kql;
        this.attack = attack;
        this.targets = targets;
    }

    @ViewerRole
    @GetMapping("/rules/{id}")
    String show(@PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        StoredRule stored = find(id);
        RuleView view = view(stored);
        model.addAttribute("rule", view);
        model.addAttribute("provenance", stored.provenance());
        model.addAttribute("flash", NOTICES.get(notice == null ? "" : notice));
        model.addAttribute("generated", stored.enrichment().generated().stream().map(EnrichmentPart::jsonName)
                .collect(Collectors.toSet()));
        model.addAttribute("relatedRules", related(stored, view));
        model.addAttribute("sampleEvent", sampleEvent(stored.document()));
        model.addAttribute("userTargetNames", targets.userTargetNames());
        return "rules/show";
    }

    @EditorRole
    @GetMapping("/rules/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        return deletePage(find(id), model);
    }

    /**
     * Deletes the version the confirmation showed only: when the rule changed meanwhile, the confirmation is shown
     * again for the current version (409), saying who changed it.
     */
    @EditorRole
    @PostMapping("/rules/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  @RequestParam(required = false) String comment, Model model, HttpServletResponse response) {
        StoredRule shown = find(id);
        if (version != null && version == shown.version()) {
            try {
                rules.delete(id, version, comment);
                return "redirect:/rules?notice=deleted";
            } catch (RuleVersionConflictException e) {
                shown = find(id);
            }
        }
        model.addAttribute("changedMeanwhile", "This rule was changed by "
                + (shown.updatedBy() == null ? "someone" : shown.updatedBy()) + " since you opened this page; it is "
                + "now at version " + shown.version() + ". Look at the current version before you delete it.");
        response.setStatus(HttpStatus.CONFLICT.value());
        return deletePage(shown, model);
    }

    private String deletePage(StoredRule stored, Model model) {
        model.addAttribute("rule", new RuleView.RelatedRule(stored.id(), stored.document().title(), null));
        model.addAttribute("version", stored.version());
        return "rules/delete";
    }

    private StoredRule find(String id) {
        return rules.find(id).orElseThrow(() -> PageException.notFound(
                "No rule with id “" + id + "” is in the library. It may have been deleted; search the rules instead."));
    }

    RuleView view(StoredRule stored) {
        SigmaDocument document = stored.document();
        RuleMetadata m = document.metadata();
        Enrichment e = stored.enrichment();
        String logsource = document instanceof SigmaRule rule
                ? RuleCards.logsource(rule.logsource().product(), rule.logsource().category(), rule.logsource().service())
                : document.getClass().getSimpleName().replace("Sigma", "").toLowerCase() + " rule";
        List<String> tactics = e.attack().tactics().stream()
                .map(t -> attack.tactic(t).map(Tactic::name).orElse(t)).toList();
        List<String> techniqueIds = e.attack().allTechniqueIds();
        List<RuleView.AttackContext> context = new ArrayList<>();
        for (String techniqueId : techniqueIds) {
            TechniqueDetails d = attack.details(techniqueId);
            context.add(new RuleView.AttackContext(d.id(), d.name(), d.parent() == null ? null : d.parent().id(),
                    d.tactics().stream().map(Tactic::name).toList(), PlainText.fromMarkdown(d.description()), d.url()));
        }
        return new RuleView(stored.id(), m.title(), m.level(), m.status(), m.description(), m.author(), m.date(),
                m.modified(), m.license(), logsource, m.references(), m.falsepositives(), tactics,
                cards.chips(techniqueIds, true), stored.yaml(), kql.tabs(stored), context, e);
    }

    /** Rules the rule names in {@code related}, then rules sharing its most specific techniques. */
    List<RuleView.RelatedRule> related(StoredRule stored, RuleView view) {
        Map<String, RuleView.RelatedRule> related = new LinkedHashMap<>();
        for (io.detectionhub.sigma.model.RelatedRule r : stored.document().metadata().related()) {
            rules.find(r.id()).ifPresent(found -> related.putIfAbsent(found.id(),
                    new RuleView.RelatedRule(found.id(), found.document().title(), r.type())));
        }
        List<String> techniques = view.techniques().stream().map(t -> t.id()).toList();
        List<String> specific = techniques.stream().filter(t -> t.contains(".")).toList();
        List<String> wanted = specific.isEmpty() ? techniques : specific;
        if (!wanted.isEmpty()) {
            RuleQuery byTechnique = RuleQuery.techniques(wanted);
            rules.search(byTechnique, PageRequest.of(0, RELATED_LIMIT + 1, Sort.by("title"))).getContent().stream()
                    .filter(s -> !s.id().equals(stored.id()))
                    .forEach(s -> related.putIfAbsent(s.id(), new RuleView.RelatedRule(s.id(), s.title(),
                            "same technique (" + String.join(", ", intersect(s.techniques(), wanted)) + ")")));
        }
        return related.values().stream().limit(RELATED_LIMIT).toList();
    }

    private static List<String> intersect(List<String> a, List<String> wanted) {
        List<String> both = a.stream().filter(wanted::contains).toList();
        return both.isEmpty() ? wanted : both;
    }

    /** A skeleton event with the fields the rule tests, to start the "test this rule" panel from. */
    static String sampleEvent(SigmaDocument document) {
        if (!(document instanceof SigmaRule rule)) {
            return "";
        }
        Set<String> fields = new LinkedHashSet<>();
        for (SearchIdentifier identifier : rule.detection().identifiers().values()) {
            for (DetectionMap map : identifier.maps()) {
                for (DetectionItem item : map.items()) {
                    if (item.field() != null && fields.size() < 20) {
                        fields.add(item.field());
                    }
                }
            }
        }
        Map<String, String> event = new LinkedHashMap<>();
        fields.forEach(f -> event.put(f, ""));
        return JSON.writeValueAsString(event);
    }
}
