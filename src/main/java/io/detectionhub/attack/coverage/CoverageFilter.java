package io.detectionhub.attack.coverage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which rules count: each attribute is a set of accepted values (case-insensitive, empty = any). Built from request
 * parameters such as {@code level=high,critical}.
 */
public record CoverageFilter(Set<String> levels, Set<String> statuses, Set<String> products) {

    public static final CoverageFilter ANY = new CoverageFilter(Set.of(), Set.of(), Set.of());

    public CoverageFilter {
        levels = Set.copyOf(new TreeSet<>(levels));
        statuses = Set.copyOf(new TreeSet<>(statuses));
        products = Set.copyOf(new TreeSet<>(products));
    }

    public static CoverageFilter of(String level, String status, String product) {
        return new CoverageFilter(split(level), split(status), split(product));
    }

    public boolean matches(CoverageRule rule) {
        return accepts(levels, rule.level()) && accepts(statuses, rule.status()) && accepts(products, rule.product());
    }

    public boolean isAny() {
        return levels.isEmpty() && statuses.isEmpty() && products.isEmpty();
    }

    /** "level=high,critical; product=linux" for titles and layer descriptions. */
    public String describe() {
        if (isAny()) {
            return "all rules";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, "level", levels);
        append(sb, "status", statuses);
        append(sb, "product", products);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, Set<String> values) {
        if (!values.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(name).append('=').append(String.join(",", new TreeSet<>(values)));
        }
    }

    private static boolean accepts(Set<String> accepted, String value) {
        return accepted.isEmpty() || (value != null && accepted.contains(value.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .limit(50).collect(Collectors.toSet());
    }
}
