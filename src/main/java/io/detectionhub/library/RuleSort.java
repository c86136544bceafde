package io.detectionhub.library;

import io.detectionhub.web.BadRequestException;
import org.springframework.data.domain.Sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sort keys of a rule search and their order: {@code key} ascending, {@code -key} or {@code key,desc} descending,
 * several keys in turn. Rules without a value (no date, no level) come last either way; ties are broken by title,
 * then id, so that paging is stable.
 */
public final class RuleSort {

    /** Sort by relevance to {@code q} (the default when there is one; without {@code q}, title). */
    public static final String RELEVANCE = "relevance";

    static final String KEYS_DOCUMENTATION = "relevance (full-text score of q: title matches first, then ATT&CK, "
            + "description, detection values), title, level, date, modified, created, updated, status, id; '-key' or "
            + "'key,desc' sorts descending. Repeatable. Default: relevance when q has words, else title.";

    /** Sort keys of the API to the entity properties they order by. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("title", "title");
        KEYS.put("level", "levelRank");
        KEYS.put("date", "date");
        KEYS.put("modified", "modified");
        KEYS.put("created", "createdAt");
        KEYS.put("updated", "updatedAt");
        KEYS.put("id", "id");
        KEYS.put("status", "status");
        KEYS.put(RELEVANCE, RELEVANCE);
    }

    /** Properties a rule may lack (its columns are nullable): rules without them sort last. */
    private static final Set<String> NULLABLE = Set.of("date", "modified", "status");

    private RuleSort() {
    }

    /** The order the keys ask for; unsorted when there are none. */
    public static Sort parse(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Sort.unsorted();
        }
        List<Sort.Order> orders = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).trim();
            // "?sort=title,desc" arrives as one value, or as two when the list is split on commas.
            String direction = null;
            if (key.contains(",")) {
                direction = key.substring(key.indexOf(',') + 1).trim();
                key = key.substring(0, key.indexOf(',')).trim();
            } else if (i + 1 < keys.size() && keys.get(i + 1).trim().matches("(?i)asc|desc")) {
                direction = keys.get(++i).trim();
            }
            boolean descending = key.startsWith("-");
            if (descending) {
                key = key.substring(1);
            }
            if (direction != null && !direction.isEmpty()) {
                if (!direction.matches("(?i)asc|desc")) {
                    throw new BadRequestException("sort direction must be asc or desc, not '" + direction + "'");
                }
                descending = direction.equalsIgnoreCase("desc");
            }
            String property = KEYS.get(key.toLowerCase(Locale.ROOT));
            if (property == null) {
                throw new BadRequestException("cannot sort by '" + key + "'; use one of "
                        + KEYS.keySet().stream().sorted().toList());
            }
            Sort.Order order = descending ? Sort.Order.desc(property) : Sort.Order.asc(property);
            orders.add(NULLABLE.contains(property) ? order.nullsLast() : order);
        }
        return Sort.by(orders);
    }

    /** Properties a search may sort by (entity property names). */
    static boolean isSortable(String property) {
        return KEYS.containsValue(property);
    }

    /**
     * The same order over the index's sort keys ({@link #stable} orders given): what the full-text search uses when
     * another order than relevance is asked for, so that a text search and a filter sort alike.
     */
    static Comparator<RuleTextIndex.SortRow> comparator(Sort sort) {
        Comparator<RuleTextIndex.SortRow> all = null;
        for (Sort.Order order : sort) {
            Comparator<RuleTextIndex.SortRow> one = switch (order.getProperty()) {
                case "title" -> by(RuleTextIndex.SortRow::title, order);
                case "levelRank" -> by(RuleTextIndex.SortRow::levelRank, order);
                case "date" -> by(RuleTextIndex.SortRow::date, order);
                case "modified" -> by(RuleTextIndex.SortRow::modified, order);
                case "createdAt" -> by(RuleTextIndex.SortRow::createdAt, order);
                case "updatedAt" -> by(RuleTextIndex.SortRow::updatedAt, order);
                case "status" -> by(RuleTextIndex.SortRow::status, order);
                case "id" -> by(RuleTextIndex.SortRow::id, order);
                default -> throw new IllegalArgumentException("cannot sort by '" + order.getProperty() + "'");
            };
            all = all == null ? one : all.thenComparing(one);
        }
        return all == null ? Comparator.comparing(RuleTextIndex.SortRow::id) : all;
    }

    /** Values absent last whatever the direction, as the database's order does for nullable columns. */
    private static <T extends Comparable<? super T>> Comparator<RuleTextIndex.SortRow> by(
            java.util.function.Function<RuleTextIndex.SortRow, T> key, Sort.Order order) {
        Comparator<T> natural = order.isDescending() ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(natural));
    }

    /** The order of a page: the keys asked for (title when none), then title and id to break ties. */
    static Sort stable(Sort requested) {
        Sort sort = Sort.by(requested.stream().filter(o -> !o.getProperty().equals(RELEVANCE)).toList());
        if (sort.getOrderFor("title") == null) {
            sort = sort.and(Sort.by(Sort.Order.asc("title")));
        }
        if (sort.getOrderFor("id") == null) {
            sort = sort.and(Sort.by(Sort.Order.asc("id")));
        }
        return sort;
    }
}
