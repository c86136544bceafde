package io.detectionhub.library;

import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Translates a {@link RuleQuery} into a JPA criteria predicate (portable: LIKE and EXISTS only). */
final class RuleSpecifications {

    private static final char ESCAPE = '\\';

    private RuleSpecifications() {
    }

    static Specification<RuleEntity> of(RuleQuery query) {
        return (root, cq, cb) -> {
            List<Predicate> where = new ArrayList<>();
            // q is answered by the full-text index (RuleTextIndex); these criteria hold the filters.
            in(where, root.get("level"), lower(query.levels()));
            in(where, root.get("status"), lower(query.statuses()));
            in(where, root.get("product"), lower(query.products()));
            in(where, root.get("category"), lower(query.categories()));
            in(where, root.get("service"), lower(query.services()));
            if (query.author() != null && !query.author().isBlank()) {
                where.add(cb.like(cb.lower(root.get("author")), contains(query.author().trim().toLowerCase(Locale.ROOT)),
                        ESCAPE));
            }
            if (query.kind() != null) {
                where.add(cb.equal(root.get("kind"), query.kind().name().toLowerCase(Locale.ROOT)));
            }
            if (!query.tactics().isEmpty()) {
                Subquery<String> sq = cq.subquery(String.class);
                Root<RuleEntity> r = sq.from(RuleEntity.class);
                Join<RuleEntity, String> tactic = r.join("tactics");
                sq.select(r.get("id")).where(cb.equal(r.get("id"), root.get("id")),
                        tactic.in(lower(query.tactics()).stream().map(t -> t.replace('_', '-')).toList()));
                where.add(cb.exists(sq));
            }
            if (!query.techniques().isEmpty()) {
                Subquery<String> sq = cq.subquery(String.class);
                Root<RuleEntity> r = sq.from(RuleEntity.class);
                Join<RuleEntity, String> technique = r.join("techniques");
                List<Predicate> any = new ArrayList<>();
                for (String id : query.techniques()) {
                    String t = id.toUpperCase(Locale.ROOT);
                    any.add(cb.equal(technique, t));
                    if (!t.contains(".")) {
                        any.add(cb.like(technique, escape(t) + ".%", ESCAPE));
                    }
                }
                sq.select(r.get("id")).where(cb.equal(r.get("id"), root.get("id")), cb.or(any.toArray(Predicate[]::new)));
                where.add(cb.exists(sq));
            }
            if (query.hasAtomicTests() != null) {
                Subquery<String> sq = cq.subquery(String.class);
                Root<RuleEnrichmentEntity> e = sq.from(RuleEnrichmentEntity.class);
                sq.select(e.get("ruleId")).where(cb.equal(e.get("ruleId"), root.get("id")),
                        cb.greaterThan(e.get("atomicTestCount"), 0));
                where.add(query.hasAtomicTests() ? cb.exists(sq) : cb.not(cb.exists(sq)));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    static List<String> terms(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return List.of(q.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static void in(List<Predicate> where, Expression<String> column, List<String> values) {
        if (!values.isEmpty()) {
            where.add(column.in(values));
        }
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static String contains(String term) {
        return "%" + escape(term) + "%";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
