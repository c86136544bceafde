package io.detectionhub.pages;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.catalog.Tactic;
import io.detectionhub.library.FacetCounts;
import io.detectionhub.library.RuleFacet;
import io.detectionhub.library.RuleHits;
import io.detectionhub.library.RuleQuery;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleSort;
import io.detectionhub.library.RuleSummary;
import io.detectionhub.security.ViewerRole;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules page: search, facets, sorting and paging. It takes the parameters of {@code GET /api/rules}
 * ({@link RuleSearch}), so a search on the page and through the API is one URL query.
 */
@Controller
class RuleListPageController {

    static final int PAGE_SIZE = 50;
    static final int FACET_VALUES_SHOWN = 25;

    /** One value of a facet with its count and the link that toggles it. */
    record FacetValue(String value, String label, long count, boolean selected, String url) {
    }

    record Facet(String name, String label, List<FacetValue> values) {
    }

    record ActiveFilter(String label, String removeUrl) {
    }

    /** A row of the list: the rule, and where it matched the words searched (null without words). */
    record Row(RuleCard rule, RuleHits.Highlight highlight) {
    }

    record Results(List<Row> items, long total, int page, int totalPages) {
    }

    /** The facets the page shows, in order, with their headings. */
    private static final Map<RuleFacet, String> FACETS = new LinkedHashMap<>();
    /** Headings of the filters the page takes but shows no facet for. */
    private static final Map<RuleFacet, String> FILTER_LABELS = new EnumMap<>(RuleFacet.class);
    private static final Map<String, String> SORT_LABELS = new LinkedHashMap<>();

    static {
        FACETS.put(RuleFacet.TACTIC, "Tactic");
        FACETS.put(RuleFacet.TECHNIQUE, "Technique");
        FACETS.put(RuleFacet.LEVEL, "Level");
        FACETS.put(RuleFacet.STATUS, "Status");
        FACETS.put(RuleFacet.PRODUCT, "Product");
        FACETS.put(RuleFacet.CATEGORY, "Category");
        FACETS.put(RuleFacet.AUTHOR, "Author");
        FACETS.put(RuleFacet.ATOMIC_TESTS, "Has Atomic tests");
        FILTER_LABELS.putAll(FACETS);
        FILTER_LABELS.put(RuleFacet.SERVICE, "Service");
        FILTER_LABELS.put(RuleFacet.KIND, "Kind");
        SORT_LABELS.put(RuleSort.RELEVANCE, "Relevance");
        SORT_LABELS.put("title", "Title (A–Z)");
        SORT_LABELS.put("-level", "Level (critical first)");
        SORT_LABELS.put("-modified", "Recently modified");
        SORT_LABELS.put("-date", "Newest");
    }

    private final RuleService rules;
    private final RuleCards cards;
    private final AttackService attack;

    RuleListPageController(RuleService rules, RuleCards cards, AttackService attack) {
        this.rules = rules;
        this.cards = cards;
        this.attack = attack;
    }

    @ViewerRole
    @GetMapping("/rules")
    String list(@ModelAttribute RuleSearch search, @RequestParam(required = false) String notice, Model model) {
        RuleListLinks links = new RuleListLinks(search);
        RuleQuery query = search.query();
        RuleHits hits = rules.searchWithHighlights(query, search.pageable(PAGE_SIZE));
        Page<RuleSummary> page = hits.page();
        FacetCounts counts = rules.facets(query, FACETS.keySet(), true);

        model.addAttribute("query", links);
        model.addAttribute("flash", "deleted".equals(notice) ? "The rule was moved to the trash; an editor can restore it from there." : null);
        model.addAttribute("searchQuery", search.q());
        model.addAttribute("results", new Results(page.getContent().stream()
                .map(r -> new Row(cards.card(r), hits.highlights().get(r.id()))).toList(),
                page.getTotalElements(), page.getNumber(), page.getTotalPages()));
        model.addAttribute("didYouMean", hits.didYouMean());
        model.addAttribute("didYouMeanUrl", hits.didYouMean() == null ? null
                : RuleListLinks.url(search.withQuery(hits.didYouMean())));
        model.addAttribute("facets", facetViews(links, counts));
        model.addAttribute("activeFilters", activeFilters(links));
        Map<String, String> sortOptions = new LinkedHashMap<>(SORT_LABELS);
        if (!query.hasText()) {
            sortOptions.remove(RuleSort.RELEVANCE);
        }
        model.addAttribute("sortOptions", sortOptions);
        return "rules/list";
    }

    private List<Facet> facetViews(RuleListLinks links, FacetCounts counts) {
        List<Facet> views = new ArrayList<>();
        FACETS.forEach((facet, heading) -> {
            List<FacetValue> shown = new ArrayList<>();
            counts.of(facet).forEach((value, count) -> {
                boolean selected = links.isSelected(facet, value);
                if (shown.size() < FACET_VALUES_SHOWN || selected) {
                    shown.add(new FacetValue(value, label(facet, value), count, selected, links.toggle(facet, value)));
                }
            });
            for (String selected : links.search().selected(facet)) {
                if (shown.stream().noneMatch(v -> v.value().equalsIgnoreCase(selected))) {
                    shown.add(0, new FacetValue(selected, label(facet, selected), 0, true,
                            links.toggle(facet, selected)));
                }
            }
            views.add(new Facet(facet.parameter(), heading, shown));
        });
        return views;
    }

    private List<ActiveFilter> activeFilters(RuleListLinks links) {
        List<ActiveFilter> active = new ArrayList<>();
        for (RuleFacet facet : RuleFacet.values()) {
            for (String value : links.search().selected(facet)) {
                active.add(new ActiveFilter(FILTER_LABELS.get(facet).toLowerCase(Locale.ROOT) + ": "
                        + label(facet, value), links.toggle(facet, value)));
            }
        }
        return active;
    }

    private String label(RuleFacet facet, String value) {
        return switch (facet) {
            case TACTIC -> attack.tactic(value).map(Tactic::name).orElse(value);
            case TECHNIQUE -> {
                String name = cards.name(value);
                yield name == null ? value : value + " " + name;
            }
            case ATOMIC_TESTS -> Boolean.parseBoolean(value) ? "yes" : "no";
            default -> value;
        };
    }
}
