package io.detectionhub.pages;

import io.detectionhub.library.RuleSummary;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleFacetService;
import io.detectionhub.library.RuleService;
import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.catalog.Tactic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The feed (home page) and the rules page with search, facets, sorting and paging. */
@Controller
public class RuleListPageController {

    static final int PAGE_SIZE = 50;
    static final int FEED_SIZE = 12;
    static final int FACET_VALUES_SHOWN = 25;

    /** One value of a facet with its count and the link that toggles it. */
    public record FacetValue(String value, String label, int count, boolean selected, String url) {
    }

    public record Facet(String name, String label, List<FacetValue> values) {
    }

    public record ActiveFilter(String label, String removeUrl) {
    }

    public record Results(List<RuleCard> items, long total, int page, int totalPages) {
    }

    private static final Map<String, String> FACET_LABELS = Map.of("tactic", "Tactic", "technique", "Technique",
            "level", "Level", "status", "Status", "product", "Product", "category", "Category", "author", "Author",
            "atomic", "Has Atomic tests");
    private static final Map<String, String> SORT_LABELS = new LinkedHashMap<>();

    static {
        SORT_LABELS.put("title", "Title (A–Z)");
        SORT_LABELS.put("level", "Level (critical first)");
        SORT_LABELS.put("modified", "Recently modified");
        SORT_LABELS.put("date", "Newest");
    }

    private final RuleService rules;
    private final RuleFacetService facets;
    private final RuleCards cards;
    private final AttackService attack;

    public RuleListPageController(RuleService rules, RuleFacetService facets, RuleCards cards, AttackService attack) {
        this.rules = rules;
        this.facets = facets;
        this.cards = cards;
        this.attack = attack;
    }

    @GetMapping("/")
    public String feed(Model model) {
        Page<RuleSummary> newest = rules.search(RuleQuery.ALL, PageRequest.of(0, FEED_SIZE,
                Sort.by(Sort.Order.desc("date").nullsLast(), Sort.Order.asc("title"))));
        List<String> shown = newest.getContent().stream().map(RuleSummary::id).toList();
        Page<RuleSummary> changed = rules.search(RuleQuery.ALL, PageRequest.of(0, FEED_SIZE + shown.size(),
                Sort.by(Sort.Order.desc("modified").nullsLast(), Sort.Order.asc("title"))));
        model.addAttribute("newest", cards.feedCards(newest.getContent()));
        model.addAttribute("changed", cards.feedCards(changed.getContent().stream()
                .filter(s -> s.modified() != null && !shown.contains(s.id())).limit(FEED_SIZE).toList()));
        model.addAttribute("totalRules", newest.getTotalElements());
        return "feed";
    }

    @GetMapping("/rules")
    public String list(@RequestParam Map<String, String> parameters, Model model) {
        RuleListQuery query = RuleListQuery.from(parameters);
        RuleQuery search = toRuleQuery(query, null);
        Page<RuleSummary> page = rules.search(search, PageRequest.of(query.getPage(), PAGE_SIZE, sort(query.getSort())));
        Map<String, RuleQuery> relaxed = new LinkedHashMap<>();
        for (String facet : query.filters().keySet()) {
            relaxed.put(facet, toRuleQuery(query, facet));
        }
        Map<String, Map<String, Integer>> counts = facets.counts(search, relaxed);

        model.addAttribute("query", query);
        model.addAttribute("flash", "deleted".equals(parameters.get("notice")) ? "The rule was deleted." : null);
        model.addAttribute("searchQuery", query.getQ());
        model.addAttribute("results", new Results(page.getContent().stream().map(cards::card).toList(),
                page.getTotalElements(), page.getNumber(), page.getTotalPages()));
        model.addAttribute("facets", facetViews(query, counts));
        model.addAttribute("activeFilters", activeFilters(query));
        model.addAttribute("sortOptions", SORT_LABELS);
        return "rules/list";
    }

    /** The library query for the page's state, leaving out the selection of facet {@code except}. */
    static RuleQuery toRuleQuery(RuleListQuery q, String except) {
        Map<String, String> f = new LinkedHashMap<>(q.filters());
        if (except != null) {
            f.remove(except);
        }
        String atomic = f.get("atomic");
        return new RuleQuery(q.getQ(), list(f.get("tactic")), list(f.get("technique")), list(f.get("level")),
                list(f.get("status")), list(f.get("product")), list(f.get("category")), null, f.get("author"), null,
                atomic == null ? null : atomic.equalsIgnoreCase("yes"));
    }

    static Sort sort(String sort) {
        return switch (sort) {
            case "level" -> Sort.by(Sort.Order.desc("levelRank"), Sort.Order.asc("title"));
            case "modified" -> Sort.by(Sort.Order.desc("modified").nullsLast(), Sort.Order.asc("title"));
            case "date" -> Sort.by(Sort.Order.desc("date").nullsLast(), Sort.Order.asc("title"));
            default -> Sort.by(Sort.Order.asc("title"));
        };
    }

    private List<Facet> facetViews(RuleListQuery query, Map<String, Map<String, Integer>> counts) {
        List<Facet> views = new ArrayList<>();
        counts.forEach((facet, values) -> {
            List<FacetValue> shown = new ArrayList<>();
            String selected = query.filter(facet);
            values.forEach((value, count) -> {
                boolean isSelected = query.isSelected(facet, value);
                if (shown.size() < FACET_VALUES_SHOWN || isSelected) {
                    shown.add(new FacetValue(value, label(facet, value), count, isSelected,
                            query.toggle(facet, value)));
                }
            });
            if (selected != null && shown.stream().noneMatch(FacetValue::selected)) {
                shown.add(0, new FacetValue(selected, label(facet, selected), 0, true, query.toggle(facet, selected)));
            }
            views.add(new Facet(facet, FACET_LABELS.get(facet), shown));
        });
        return views;
    }

    private List<ActiveFilter> activeFilters(RuleListQuery query) {
        List<ActiveFilter> active = new ArrayList<>();
        query.filters().forEach((facet, value) -> active.add(
                new ActiveFilter(FACET_LABELS.get(facet).toLowerCase(Locale.ROOT) + ": " + label(facet, value),
                        query.without(facet))));
        return active;
    }

    private String label(String facet, String value) {
        return switch (facet) {
            case "tactic" -> attack.tactic(value).map(Tactic::name).orElse(value);
            case "technique" -> {
                String name = cards.name(value);
                yield name == null ? value : value + " " + name;
            }
            default -> value;
        };
    }

    private static List<String> list(String value) {
        return value == null ? null : List.of(value);
    }
}
