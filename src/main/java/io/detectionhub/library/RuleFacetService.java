package io.detectionhub.library;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Facet counts for the rules page. The rules matching a query are found with the library's own search criteria
 * ({@link RuleSpecifications}, ids only); their facet values come from an index of every rule's facet columns,
 * rebuilt only when the library version changes. Counts of a facet that has a selected value are taken over the
 * query without that selection, so the other values show how many rules switching to them would give.
 */
@Service
public class RuleFacetService {

    /** The facet values of one rule. */
    record FacetRow(String level, String status, String product, String category, List<String> authors,
                    Set<String> tactics, Set<String> techniques, boolean hasAtomicTests) {
    }

    private record Index(long version, Map<String, FacetRow> rows) {
    }

    private static final int ID_CACHE_SIZE = 128;

    private final EntityManager entityManager;
    private final RuleService rules;
    private final RuleRepository repository;
    private volatile Index index;
    /** Ids per query for the current library version: paging and toggling facets repeat the same queries. */
    private final Map<RuleQuery, List<String>> idsByQuery = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RuleQuery, List<String>> eldest) {
            return size() > ID_CACHE_SIZE;
        }
    };
    private long idsVersion = -1;

    public RuleFacetService(EntityManager entityManager, RuleService rules, RuleRepository repository) {
        this.entityManager = entityManager;
        this.rules = rules;
        this.repository = repository;
    }

    /**
     * Value counts per facet ({@code level}, {@code status}, {@code product}, {@code category}, {@code author},
     * {@code tactic}, {@code technique}, {@code atomic}), most frequent first. {@code selected} maps a facet to the
     * query without that facet's selection.
     */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Integer>> counts(RuleQuery query, Map<String, RuleQuery> selected) {
        Index current = index();
        Map<String, FacetRow> rows = current.rows();
        List<String> matching = cachedIds(current.version(), query);
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String facet : List.of("tactic", "technique", "level", "status", "product", "category", "author",
                "atomic")) {
            RuleQuery relaxed = selected.get(facet);
            List<String> ids = relaxed == null ? matching : cachedIds(current.version(), relaxed);
            counts.put(facet, count(ids, rows, extractor(facet)));
        }
        return counts;
    }

    private List<String> cachedIds(long version, RuleQuery query) {
        synchronized (idsByQuery) {
            if (idsVersion != version) {
                idsByQuery.clear();
                idsVersion = version;
            }
            List<String> cached = idsByQuery.get(query);
            if (cached != null) {
                return cached;
            }
        }
        List<String> ids = List.copyOf(matchingIds(query));
        synchronized (idsByQuery) {
            if (idsVersion == version) {
                idsByQuery.put(query, ids);
            }
        }
        return ids;
    }

    /** Ids of every rule matching the query, through the library's own search criteria. */
    List<String> matchingIds(RuleQuery query) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<String> cq = cb.createQuery(String.class);
        Root<RuleEntity> root = cq.from(RuleEntity.class);
        cq.select(root.get("id")).where(RuleSpecifications.of(query).toPredicate(root, cq, cb));
        return entityManager.createQuery(cq).getResultList();
    }

    private static Function<FacetRow, Collection<String>> extractor(String facet) {
        return switch (facet) {
            case "level" -> r -> single(r.level());
            case "status" -> r -> single(r.status());
            case "product" -> r -> single(r.product());
            case "category" -> r -> single(r.category());
            case "author" -> FacetRow::authors;
            case "tactic" -> FacetRow::tactics;
            case "technique" -> FacetRow::techniques;
            case "atomic" -> r -> List.of(r.hasAtomicTests() ? "yes" : "no");
            default -> throw new IllegalArgumentException(facet);
        };
    }

    private static Collection<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static Map<String, Integer> count(List<String> ids, Map<String, FacetRow> rows,
                                              Function<FacetRow, Collection<String>> values) {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : ids) {
            FacetRow row = rows.get(id);
            if (row != null) {
                for (String v : values.apply(row)) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> ordered = new LinkedHashMap<>();
        sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    private Index index() {
        long version = rules.libraryVersion();
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
                "select r.id, r.level, r.status, r.product, r.category, r.author from RuleEntity r", Object[].class)
                .getResultList();
        for (Object[] c : columns) {
            String id = (String) c[0];
            rows.put(id, new FacetRow((String) c[1], (String) c[2], (String) c[3], (String) c[4],
                    authors((String) c[5]), tactics.getOrDefault(id, Set.of()),
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
