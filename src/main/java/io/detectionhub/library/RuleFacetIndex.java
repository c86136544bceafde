package io.detectionhub.library;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one facet engine of rule search (the API's {@code facets=true} and the rules page). The rules matching a query
 * are found with the library's own search criteria ({@link RuleSpecifications}, ids only); their facet values come
 * from an index of every rule's facet columns, rebuilt only when the library version changes.
 */
@Component
class RuleFacetIndex {

    /** The facet values of one rule. */
    record FacetRow(String level, String status, String product, String category, String service, String kind,
                    List<String> authors, Set<String> tactics, Set<String> techniques, boolean hasAtomicTests) {

        Collection<String> values(RuleFacet facet) {
            return switch (facet) {
                case LEVEL -> single(level);
                case STATUS -> single(status);
                case PRODUCT -> single(product);
                case CATEGORY -> single(category);
                case SERVICE -> single(service);
                case KIND -> single(kind);
                case AUTHOR -> authors;
                case TACTIC -> tactics;
                case TECHNIQUE -> techniques;
                case ATOMIC_TESTS -> List.of(String.valueOf(hasAtomicTests));
            };
        }

        private static Collection<String> single(String value) {
            return value == null ? List.of() : List.of(value);
        }
    }

    private record Index(long version, Map<String, FacetRow> rows) {
    }

    private static final int ID_CACHE_SIZE = 128;

    private final EntityManager entityManager;
    private final LibraryVersion libraryVersion;
    private final RuleRepository repository;
    private final RuleTextIndex textIndex;
    private volatile Index index;
    /** Ids per query for the current library version: paging and toggling facets repeat the same queries. */
    private final Map<RuleQuery, Set<String>> idsByQuery = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RuleQuery, Set<String>> eldest) {
            return size() > ID_CACHE_SIZE;
        }
    };
    /** Facet counts and orders per query for the current library version (the same lifetime as the ids). */
    private final Map<Object, Object> derived = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > ID_CACHE_SIZE;
        }
    };
    private long idsVersion = -1;

    private record CountKey(RuleQuery query, List<RuleFacet> facets, boolean relaxSelected) {
    }

    private record OrderKey(RuleQuery query, org.springframework.data.domain.Sort sort) {
    }

    RuleFacetIndex(EntityManager entityManager, LibraryVersion libraryVersion, RuleRepository repository,
                   RuleTextIndex textIndex) {
        this.entityManager = entityManager;
        this.textIndex = textIndex;
        this.libraryVersion = libraryVersion;
        this.repository = repository;
    }

    /**
     * Value counts of each facet over the rules matching {@code query}. With {@code relaxSelected}, a facet the query
     * filters by is counted over the query without that filter, so that its other values show how many rules
     * switching to them would give. Must run in a (read-only) transaction.
     */
    FacetCounts count(RuleQuery query, Collection<RuleFacet> facets, boolean relaxSelected) {
        Index current = index();
        CountKey key = new CountKey(query, List.copyOf(facets), relaxSelected);
        FacetCounts cached = (FacetCounts) cachedDerived(current.version(), key);
        if (cached != null) {
            return cached;
        }
        Set<String> matching = cachedIds(current.version(), query);
        Map<RuleFacet, Map<String, Long>> counts = new EnumMap<>(RuleFacet.class);
        List<RuleFacet> overMatching = new ArrayList<>();
        for (RuleFacet facet : facets) {
            if (relaxSelected && query.selects(facet)) {
                counts.put(facet, count(cachedIds(current.version(), query.without(facet)), current.rows(),
                        List.of(facet)).get(facet));
            } else {
                overMatching.add(facet);
            }
        }
        counts.putAll(count(matching, current.rows(), overMatching));
        FacetCounts result = new FacetCounts(matching.size(), counts);
        putDerived(current.version(), key, result);
        return result;
    }

    /**
     * The ids of the rules matching the filters of {@code query} (its words aside) in the order of {@code sort}
     * (ties by title, then id), from the index's sort keys; cached per query and order for the library version.
     * The index must be current ({@link RuleTextIndex#current()}). Must run in a (read-only) transaction.
     */
    List<String> ordered(RuleQuery query, org.springframework.data.domain.Sort sort) {
        long version = libraryVersion.current();
        OrderKey key = new OrderKey(query.withoutText(), sort);
        @SuppressWarnings("unchecked")
        List<String> cached = (List<String>) cachedDerived(version, key);
        if (cached != null) {
            return cached;
        }
        java.util.Comparator<RuleTextIndex.SortRow> order = RuleSort.comparator(RuleSort.stable(sort));
        List<String> ordered = cachedIds(version, key.query()).stream().map(textIndex::sortRow)
                .filter(java.util.Objects::nonNull).sorted(order).map(RuleTextIndex.SortRow::id).toList();
        putDerived(version, key, ordered);
        return ordered;
    }

    private Object cachedDerived(long version, Object key) {
        synchronized (idsByQuery) {
            if (idsVersion != version) {
                idsByQuery.clear();
                derived.clear();
                idsVersion = version;
            }
            return derived.get(key);
        }
    }

    private void putDerived(long version, Object key, Object value) {
        synchronized (idsByQuery) {
            if (idsVersion == version) {
                derived.put(key, value);
            }
        }
    }

    /**
     * The ids of every rule matching the query, for the current library version (cached per query: paging and
     * toggling facets repeat the same queries). Must run in a (read-only) transaction.
     */
    Set<String> ids(RuleQuery query) {
        return cachedIds(libraryVersion.current(), query);
    }

    private Set<String> cachedIds(long version, RuleQuery query) {
        synchronized (idsByQuery) {
            if (idsVersion != version) {
                idsByQuery.clear();
                derived.clear();
                idsVersion = version;
            }
            Set<String> cached = idsByQuery.get(query);
            if (cached != null) {
                return cached;
            }
        }
        Set<String> ids = Collections.unmodifiableSet(matchingIds(version, query));
        synchronized (idsByQuery) {
            if (idsVersion == version) {
                idsByQuery.put(query, ids);
            }
        }
        return ids;
    }

    /**
     * Ids of every rule matching the query: its words through the full-text index, its filters through the library's
     * own search criteria.
     */
    private Set<String> matchingIds(long version, RuleQuery query) {
        if (query.hasText()) {
            Set<String> found = new HashSet<>(textIndex.matchingIds(query.q()));
            RuleQuery filters = query.withoutText();
            if (!filters.equals(RuleQuery.ALL)) {
                found.retainAll(cachedIds(version, filters));
            }
            return found;
        }
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<String> cq = cb.createQuery(String.class);
        Root<RuleEntity> root = cq.from(RuleEntity.class);
        cq.select(root.get("id")).where(RuleSpecifications.of(query).toPredicate(root, cq, cb));
        return new HashSet<>(entityManager.createQuery(cq).getResultList());
    }

    /** Value counts of the facets over the rules: one pass, each rule's row looked up once. */
    private static Map<RuleFacet, Map<String, Long>> count(Collection<String> ids, Map<String, FacetRow> rows,
                                                           List<RuleFacet> facets) {
        Map<RuleFacet, Map<String, long[]>> counters = new EnumMap<>(RuleFacet.class);
        facets.forEach(f -> counters.put(f, new HashMap<>()));
        for (String id : ids) {
            FacetRow row = rows.get(id);
            if (row != null) {
                for (RuleFacet facet : facets) {
                    Map<String, long[]> c = counters.get(facet);
                    for (String v : row.values(facet)) {
                        c.computeIfAbsent(v, k -> new long[1])[0]++;
                    }
                }
            }
        }
        Map<RuleFacet, Map<String, Long>> counts = new EnumMap<>(RuleFacet.class);
        counters.forEach((facet, c) -> {
            List<Map.Entry<String, long[]>> sorted = new ArrayList<>(c.entrySet());
            sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                    .thenComparing(Map.Entry::getKey));
            Map<String, Long> ordered = new LinkedHashMap<>();
            sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()[0]));
            counts.put(facet, ordered);
        });
        return counts;
    }

    private Index index() {
        long version = libraryVersion.current();
        Index current = index;
        if (current != null && current.version() == version) {
            return current;
        }
        Index rebuilt = new Index(version, load());
        index = rebuilt;
        return rebuilt;
    }

    private Map<String, FacetRow> load() {
        Map<String, Set<String>> tactics = group(repository.findAllTactics());
        Map<String, Set<String>> techniques = group(repository.findAllTechniques());
        Set<String> withAtomic = new HashSet<>(entityManager.createQuery(
                "select e.ruleId from RuleEnrichmentEntity e where e.atomicTestCount > 0", String.class)
                .getResultList());
        Map<String, FacetRow> rows = new HashMap<>();
        List<Object[]> columns = entityManager.createQuery(
                "select r.id, r.level, r.status, r.product, r.category, r.service, r.kind, r.author from RuleEntity r",
                Object[].class).getResultList();
        for (Object[] c : columns) {
            String id = (String) c[0];
            rows.put(id, new FacetRow((String) c[1], (String) c[2], (String) c[3], (String) c[4], (String) c[5],
                    (String) c[6], authors((String) c[7]), tactics.getOrDefault(id, Set.of()),
                    techniques.getOrDefault(id, Set.of()), withAtomic.contains(id)));
        }
        return rows;
    }

    /** "Florian Roth (Nextron Systems), Nasreddine Bencherchali" → both names (the author filter is a substring). */
    static List<String> authors(String author) {
        if (author == null || author.isBlank()) {
            return List.of();
        }
        return Arrays.stream(author.split("[,;&]|\\band\\b|\\s@\\s?")).map(String::trim)
                .filter(s -> s.length() > 1 && s.length() <= 80).distinct().toList();
    }

    private static Map<String, Set<String>> group(List<RuleRepository.Pair> pairs) {
        Map<String, Set<String>> grouped = new HashMap<>();
        for (RuleRepository.Pair p : pairs) {
            grouped.computeIfAbsent(p.ruleId(), k -> new HashSet<>()).add(p.value());
        }
        return grouped;
    }
}
