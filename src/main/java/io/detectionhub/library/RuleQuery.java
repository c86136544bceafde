package io.detectionhub.library;

import java.util.List;

/**
 * Search criteria; null or empty means "any". Several values of one filter are OR-ed, different filters AND-ed.
 * {@code q}: whitespace-separated terms, each must occur (case-insensitive substring) in the title, description,
 * tags, author, logsource or detection field names and values. {@code techniques}: T1059 also finds T1059.004.
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

    public static RuleQuery text(String q) {
        return new RuleQuery(q, null, null, null, null, null, null, null, null, null, null);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }
}
