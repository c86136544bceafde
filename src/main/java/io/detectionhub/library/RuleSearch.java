package io.detectionhub.library;

import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.RequestText;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search of the library as a request states it, bound from the same parameters by the API ({@code GET /api/rules})
 * and the rules page ({@code /rules}), so that one URL query means one search on both. Several values of one filter
 * (the parameter repeated, or comma-separated) are OR-ed, different filters AND-ed.
 */
public record RuleSearch(
        @Parameter(description = "Full-text search, ranked: words in the title, ATT&CK tags, ids and names, "
                + "description, detection values and fields, author, logsource; \"a phrase\", prefix*, technique "
                + "ids (T1059 finds its sub-techniques); misspelled words are corrected", example = "ssh shell")
        String q,
        @Parameter(description = "ATT&CK tactic short name", example = "execution") List<String> tactic,
        @Parameter(description = "ATT&CK technique or sub-technique; a technique also finds its sub-techniques",
                example = "T1059") List<String> technique,
        @Parameter(description = "informational, low, medium, high, critical", example = "high") List<String> level,
        @Parameter(description = "stable, test, experimental, deprecated, unsupported") List<String> status,
        @Parameter(description = "Logsource product", example = "linux") List<String> product,
        @Parameter(description = "Logsource category", example = "process_creation") List<String> category,
        @Parameter(description = "Logsource service", example = "sysmon") List<String> service,
        @Parameter(description = "Part of the author field (case-insensitive)") String author,
        @Parameter(description = "rule, correlation or filter") String kind,
        @Parameter(description = "Only rules whose enrichment lists Atomic Red Team tests (true) or none (false)")
        Boolean hasAtomicTests,
        @Parameter(description = "Sort keys: " + RuleSort.KEYS_DOCUMENTATION, example = "-updated") List<String> sort,
        @Parameter(description = "0-based page number") Integer page,
        @Parameter(description = "Page size, 1 to 200") Integer size) {

    public static final int MAX_PAGE_SIZE = 200;
    /** The first rule of a page lies at most this far into the results (far beyond any real library's size). */
    public static final int MAX_OFFSET = 1_000_000;

    /** Every rule, in the default order (title). */
    public static final RuleSearch ALL = new RuleSearch(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);

    public RuleSearch {
        q = RequestText.blankToNull(q);
        tactic = RuleQuery.clean(tactic);
        technique = RuleQuery.clean(technique);
        level = RuleQuery.clean(level);
        status = RuleQuery.clean(status);
        product = RuleQuery.clean(product);
        category = RuleQuery.clean(category);
        service = RuleQuery.clean(service);
        author = RequestText.blankToNull(author);
        kind = RequestText.blankToNull(kind);
        sort = RuleQuery.clean(sort);
    }

    /** The criteria of this search. @throws BadRequestException for an unknown {@code kind} */
    public RuleQuery query() {
        return new RuleQuery(q, tactic, technique, level, status, product, category, service, author, kind(kind),
                hasAtomicTests);
    }

    /**
     * The page asked for, {@code defaultSize} rules long unless {@code size} says otherwise, in the order of
     * {@code sort}.
     *
     * @throws BadRequestException for a negative page, a page whose first rule lies beyond the largest offset a
     *                             search goes ({@value #MAX_OFFSET}), a size outside 1 to 200, or an unknown
     *                             sort key or direction
     */
    public Pageable pageable(int defaultSize) {
        int number = page == null ? 0 : page;
        int length = size == null ? defaultSize : size;
        if (number < 0) {
            throw new BadRequestException("page must be 0 or more");
        }
        if (length < 1 || length > MAX_PAGE_SIZE) {
            throw new BadRequestException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) number * length > MAX_OFFSET) {
            throw new BadRequestException("page " + number + " of " + length + " rules starts beyond the last rule "
                    + "any search can return (page × size must be at most " + MAX_OFFSET + ")");
        }
        return PageRequest.of(number, length, RuleSort.parse(sort));
    }

    /** The search as URL query parameters in a fixed order, without empty ones: the canonical form of a link. */
    public Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "q", q);
        for (RuleFacet facet : RuleFacet.values()) {
            put(parameters, facet.parameter(), selected(facet));
        }
        put(parameters, "sort", sort);
        put(parameters, "page", page == null ? null : String.valueOf(page));
        put(parameters, "size", size == null ? null : String.valueOf(size));
        return parameters;
    }

    /** The values this search selects of a facet (lower-case names for {@code kind}, true/false for Atomic tests). */
    public List<String> selected(RuleFacet facet) {
        return switch (facet) {
            case TACTIC -> tactic;
            case TECHNIQUE -> technique;
            case LEVEL -> level;
            case STATUS -> status;
            case PRODUCT -> product;
            case CATEGORY -> category;
            case SERVICE -> service;
            case AUTHOR -> author == null ? List.of() : List.of(author);
            case KIND -> kind == null ? List.of() : List.of(kind);
            case ATOMIC_TESTS -> hasAtomicTests == null ? List.of() : List.of(String.valueOf(hasAtomicTests));
        };
    }

    /** This search with other values of one facet (none to clear it), from the first page. */
    public RuleSearch with(RuleFacet facet, List<String> values) {
        List<String> v = values == null ? List.of() : values;
        String first = v.isEmpty() ? null : v.get(0);
        return new RuleSearch(q,
                facet == RuleFacet.TACTIC ? v : tactic, facet == RuleFacet.TECHNIQUE ? v : technique,
                facet == RuleFacet.LEVEL ? v : level, facet == RuleFacet.STATUS ? v : status,
                facet == RuleFacet.PRODUCT ? v : product, facet == RuleFacet.CATEGORY ? v : category,
                facet == RuleFacet.SERVICE ? v : service, facet == RuleFacet.AUTHOR ? first : author,
                facet == RuleFacet.KIND ? first : kind,
                facet == RuleFacet.ATOMIC_TESTS ? (first == null ? null : Boolean.valueOf(first)) : hasAtomicTests,
                sort, null, size);
    }

    /** This search in another order, from the first page. */
    public RuleSearch withSort(List<String> keys) {
        return new RuleSearch(q, tactic, technique, level, status, product, category, service, author, kind,
                hasAtomicTests, keys, null, size);
    }

    /** This search with other words, from the first page. */
    public RuleSearch withQuery(String words) {
        return new RuleSearch(words, tactic, technique, level, status, product, category, service, author, kind,
                hasAtomicTests, sort, null, size);
    }

    /** Another page of this search. */
    public RuleSearch withPage(int number) {
        return new RuleSearch(q, tactic, technique, level, status, product, category, service, author, kind,
                hasAtomicTests, sort, number == 0 ? null : number, size);
    }

    private static RuleKind kind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return RuleKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("kind must be rule, correlation or filter");
        }
    }

    private static void put(Map<String, List<String>> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }

    private static void put(Map<String, List<String>> parameters, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            parameters.put(name, values);
        }
    }
}
