package io.detectionhub.pages;

import io.detectionhub.library.RuleFacet;
import io.detectionhub.library.RuleSearch;
import io.detectionhub.library.RuleSort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The links of the rules page: the page's search ({@link RuleSearch}, the same parameters as {@code GET /api/rules})
 * with one part changed, in the search's canonical parameter order, so every link the page builds is canonical.
 * Its methods are public because the template calls them.
 */
final class RuleListLinks {

    static final String DEFAULT_SORT = "title";

    private final RuleSearch search;

    RuleListLinks(RuleSearch search) {
        this.search = search;
    }

    public RuleSearch search() {
        return search;
    }

    /** The search words, or null. */
    public String getQ() {
        return search.q();
    }

    /**
     * The first sort key, else the default ({@code relevance} when {@code q} has words, {@code title} otherwise): the
     * option the sort menu shows as chosen.
     */
    public String getSort() {
        return search.sort().isEmpty() ? defaultSort() : search.sort().get(0);
    }

    private String defaultSort() {
        return search.q() == null ? DEFAULT_SORT : RuleSort.RELEVANCE;
    }

    public boolean isSelected(RuleFacet facet, String value) {
        return search.selected(facet).stream().anyMatch(value::equalsIgnoreCase);
    }

    /**
     * The link that selects {@code value} alone for the facet, or that drops it when it is already selected; from
     * the first page.
     */
    public String toggle(RuleFacet facet, String value) {
        List<String> selected = search.selected(facet);
        List<String> next = isSelected(facet, value)
                ? selected.stream().filter(v -> !v.equalsIgnoreCase(value)).toList() : List.of(value);
        return url(search.with(facet, next));
    }

    public String without(RuleFacet facet) {
        return url(search.with(facet, List.of()));
    }

    public String withSort(String key) {
        return url(search.withSort(key.equals(defaultSort()) ? List.of() : List.of(key)));
    }

    public String withPage(int page) {
        return url(search.withPage(page));
    }

    /** The current URL without the page, ending in {@code ?...&} or {@code ?} so that {@code page=N} can follow. */
    public String pageBase() {
        String base = url(search.withPage(0));
        return base + (base.contains("?") ? "&" : "?");
    }

    /** Every parameter except {@code except} and the page, as hidden form fields, so a new form keeps them. */
    public List<Map.Entry<String, String>> hiddenParameters(String except) {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        search.withPage(0).parameters().forEach((name, values) -> {
            if (!name.equals(except)) {
                values.forEach(v -> hidden.add(new SimpleEntry<>(name, v)));
            }
        });
        return hidden;
    }

    public String url() {
        return url(search);
    }

    /** The export of what this search selects ({@code GET /api/export}: the same filters, every match). */
    public String getExportUrl() {
        StringJoiner query = new StringJoiner("&");
        search.withSort(List.of()).withPage(0).parameters().forEach((name, values) -> {
            if (!name.equals("size")) {
                values.forEach(v -> query.add(name + "=" + encode(v)));
            }
        });
        return query.length() == 0 ? "/api/export" : "/api/export?" + query;
    }

    static String url(RuleSearch search) {
        StringJoiner query = new StringJoiner("&");
        search.parameters().forEach((name, values) -> values.forEach(v -> query.add(name + "=" + encode(v))));
        return query.length() == 0 ? "/rules" : "/rules?" + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
