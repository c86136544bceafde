package io.detectionhub.library;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Group-by counts over the rules matching a {@link RuleQuery}: one small query per facet. */
@Component
class RuleFacetQueries {

    private final EntityManager entityManager;

    RuleFacetQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    RuleFacets count(RuleQuery query) {
        Specification<RuleEntity> filter = RuleSpecifications.of(query);
        return new RuleFacets(total(filter),
                byColumn(filter, "level"), byColumn(filter, "status"), byColumn(filter, "product"),
                byColumn(filter, "category"), byColumn(filter, "service"),
                grouped(filter, (root, cb) -> root.<RuleEntity, String>join("tactics")),
                byColumn(filter, "kind"), withAtomicTests(filter));
    }

    private long total(Specification<RuleEntity> filter) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<RuleEntity> root = cq.from(RuleEntity.class);
        cq.select(cb.count(root)).where(filter.toPredicate(root, cq, cb));
        return entityManager.createQuery(cq).getSingleResult();
    }

    private long withAtomicTests(Specification<RuleEntity> filter) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<RuleEntity> root = cq.from(RuleEntity.class);
        Subquery<String> sq = cq.subquery(String.class);
        Root<RuleEnrichmentEntity> e = sq.from(RuleEnrichmentEntity.class);
        sq.select(e.get("ruleId")).where(cb.equal(e.get("ruleId"), root.get("id")),
                cb.greaterThan(e.get("atomicTestCount"), 0));
        cq.select(cb.count(root)).where(filter.toPredicate(root, cq, cb), cb.exists(sq));
        return entityManager.createQuery(cq).getSingleResult();
    }

    private Map<String, Long> byColumn(Specification<RuleEntity> filter, String column) {
        return grouped(filter, (root, cb) -> root.get(column));
    }

    private Map<String, Long> grouped(Specification<RuleEntity> filter,
                                      BiFunction<Root<RuleEntity>, CriteriaBuilder, Expression<String>> value) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<RuleEntity> root = cq.from(RuleEntity.class);
        Expression<String> grouped = value.apply(root, cb);
        Expression<Long> count = cb.count(root);
        cq.multiselect(grouped, count).where(filter.toPredicate(root, cq, cb), cb.isNotNull(grouped))
                .groupBy(grouped).orderBy(cb.desc(count), cb.asc(grouped));
        List<Tuple> rows = entityManager.createQuery(cq).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put(row.get(0, String.class), row.get(1, Long.class)));
        return counts;
    }
}
