package io.detectionhub.library;

import java.util.List;

/**
 * Search criteria; null or empty means "any". Several values of one filter are OR-ed, different filters AND-ed.
 * {@code q}: words searched in the full-text index ({@link RuleTextQuery}: ranked, phrases, prefixes, technique
 * ids, misspellings). {@code techniques}: T1059 also finds T1059.004.
 * {@code author}: case-insensitive substring.
 */
public record RuleQuery(String q, List<String> tactics, List<String> techniques, List<String> levels,
                        List<String> statuses, List<String> products, List<String> categories, List<String> services,
                        String author, RuleKind kind, Boolean hasAtomicTests) {

    public static final RuleQuery ALL = new RuleQuery(null, null, null, null, null, null, null, null, null, null, null);

    public RuleQuery {
        tactics = clean(tactics);
        techniques = clean(techniques);
        levels = clean(levels);
        statuses = clean(statuses);
        products = clean(products);
        categories = clean(categories);
        services = clean(services);
    }

    /** True when this query filters by the facet. */
    public boolean selects(RuleFacet facet) {
        return switch (facet) {
            case TACTIC -> !tactics.isEmpty();
            case TECHNIQUE -> !techniques.isEmpty();
            case LEVEL -> !levels.isEmpty();
            case STATUS -> !statuses.isEmpty();
            case PRODUCT -> !products.isEmpty();
            case CATEGORY -> !categories.isEmpty();
            case SERVICE -> !services.isEmpty();
            case AUTHOR -> author != null && !author.isBlank();
            case KIND -> kind != null;
            case ATOMIC_TESTS -> hasAtomicTests != null;
        };
    }

    /** This query without its filter by the facet. */
    public RuleQuery without(RuleFacet facet) {
        return new RuleQuery(q, facet == RuleFacet.TACTIC ? null : tactics,
                facet == RuleFacet.TECHNIQUE ? null : techniques, facet == RuleFacet.LEVEL ? null : levels,
                facet == RuleFacet.STATUS ? null : statuses, facet == RuleFacet.PRODUCT ? null : products,
                facet == RuleFacet.CATEGORY ? null : categories, facet == RuleFacet.SERVICE ? null : services,
                facet == RuleFacet.AUTHOR ? null : author, facet == RuleFacet.KIND ? null : kind,
                facet == RuleFacet.ATOMIC_TESTS ? null : hasAtomicTests);
    }

    /** True when {@code q} holds words to search (then the full-text index answers it, ranked). */
    public boolean hasText() {
        return q != null && !q.isBlank();
    }

    /** This query without its words: the filters only. */
    public RuleQuery withoutText() {
        return new RuleQuery(null, tactics, techniques, levels, statuses, products, categories, services, author, kind,
                hasAtomicTests);
    }

    /** Rules tagged with any of the techniques (or their sub-techniques). */
    public static RuleQuery techniques(List<String> techniqueIds) {
        return new RuleQuery(null, null, techniqueIds, null, null, null, null, null, null, null, null);
    }

    public static RuleQuery text(String q) {
        return new RuleQuery(q, null, null, null, null, null, null, null, null, null, null);
    }

    /** The values trimmed, without blank ones (null gives an empty list). */
    static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }
}
