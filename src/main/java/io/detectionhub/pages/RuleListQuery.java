package io.detectionhub.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The state of the rules page as URL parameters (search text, one value per facet, sort, page) and the links that
 * change one part of it. Unknown parameters are dropped, so every link the page builds is canonical.
 */
public final class RuleListQuery {

    /** Facet parameters in the order the page shows them. */
    public static final List<String> FILTERS =
            List.of("tactic", "technique", "level", "status", "product", "category", "author", "atomic");
    public static final List<String> SORTS = List.of("title", "level", "modified", "date");
    static final String DEFAULT_SORT = "title";

    private final String q;
    private final Map<String, String> filters;
    private final String sort;
    private final int page;

    private RuleListQuery(String q, Map<String, String> filters, String sort, int page) {
        this.q = q;
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        this.sort = sort;
        this.page = page;
    }

    /** Reads the query from request parameters (first value of each), ignoring blank and unknown ones. */
    public static RuleListQuery from(Map<String, String> parameters) {
        String q = blankToNull(parameters.get("q"));
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = blankToNull(parameters.get(name));
            if (value != null) {
                filters.put(name, value);
            }
        }
        String sort = blankToNull(parameters.get("sort"));
        if (sort == null || !SORTS.contains(sort)) {
            sort = DEFAULT_SORT;
        }
        int page = 0;
        String pageText = parameters.get("page");
        if (pageText != null && pageText.matches("\\d{1,6}")) {
            page = Integer.parseInt(pageText);
        }
        return new RuleListQuery(q, filters, sort, page);
    }

    public String getQ() {
        return q;
    }

    public String filter(String name) {
        return filters.get(name);
    }

    public Map<String, String> filters() {
        return filters;
    }

    public String getSort() {
        return sort;
    }

    public int getPage() {
        return page;
    }

    public boolean isSelected(String name, String value) {
        return value.equalsIgnoreCase(filters.getOrDefault(name, ""));
    }

    /** The link that selects {@code value} for facet {@code name}, or clears it when it is already selected. */
    public String toggle(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        if (isSelected(name, value)) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        return new RuleListQuery(q, next, sort, 0).url();
    }

    public String without(String name) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        next.remove(name);
        return new RuleListQuery(q, next, sort, 0).url();
    }

    public String withSort(String newSort) {
        return new RuleListQuery(q, filters, newSort, 0).url();
    }

    public String withPage(int newPage) {
        return new RuleListQuery(q, filters, sort, newPage).url();
    }

    /** The current URL without the page, ending in {@code ?...&} or {@code ?} so that {@code page=N} can follow. */
    public String pageBase() {
        String base = new RuleListQuery(q, filters, sort, 0).url();
        return base + (base.contains("?") ? "&" : "?");
    }

    /** The filters and sort as hidden form fields, so a new search keeps them. */
    public List<Map.Entry<String, String>> hiddenFilters() {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        filters.forEach((k, v) -> hidden.add(new SimpleEntry<>(k, v)));
        if (!sort.equals(DEFAULT_SORT)) {
            hidden.add(new SimpleEntry<>("sort", sort));
        }
        return hidden;
    }

    /** Every parameter except {@code except} (and the page), as hidden form fields. */
    public List<Map.Entry<String, String>> hiddenParameters(String except) {
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        if (q != null && !"q".equals(except)) {
            hidden.add(new SimpleEntry<>("q", q));
        }
        filters.forEach((k, v) -> {
            if (!k.equals(except)) {
                hidden.add(new SimpleEntry<>(k, v));
            }
        });
        if (!"sort".equals(except)) {
            hidden.add(new SimpleEntry<>("sort", sort));
        }
        return hidden;
    }

    public String url() {
        StringJoiner params = new StringJoiner("&");
        if (q != null) {
            params.add("q=" + encode(q));
        }
        filters.forEach((k, v) -> params.add(k + "=" + encode(v)));
        if (!sort.equals(DEFAULT_SORT)) {
            params.add("sort=" + sort);
        }
        if (page > 0) {
            params.add("page=" + page);
        }
        return params.length() == 0 ? "/rules" : "/rules?" + params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
