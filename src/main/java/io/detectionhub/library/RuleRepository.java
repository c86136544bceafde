package io.detectionhub.library;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

interface RuleRepository extends JpaRepository<RuleEntity, String>, JpaSpecificationExecutor<RuleEntity> {

    @Query("select new io.detectionhub.library.RuleRepository$Row(r.id, r.kind, r.name, r.title, r.level, r.status,"
            + " r.product, r.category, r.service, r.yaml, r.updatedAt) from RuleEntity r order by r.id")
    List<Row> findAllRows();

    @Query("select new io.detectionhub.library.RuleRepository$Pair(r.id, t) from RuleEntity r join r.tags t"
            + " order by r.id, index(t)")
    List<Pair> findAllTags();

    @Query("select new io.detectionhub.library.RuleRepository$Pair(r.id, t) from RuleEntity r join r.tactics t")
    List<Pair> findAllTactics();

    @Query("select new io.detectionhub.library.RuleRepository$Pair(r.id, t) from RuleEntity r join r.techniques t")
    List<Pair> findAllTechniques();

    @Query("select r from RuleEntity r where r.id in :refs or r.name in :refs")
    List<RuleEntity> findByIdOrNameIn(java.util.Collection<String> refs);

    @Query("select r.id from RuleEntity r where r.yaml like :pattern order by r.id")
    List<String> findIdsWithYamlLike(String pattern);

    record Row(String id, String kind, String name, String title, String level, String status, String product,
               String category, String service, String yaml, java.time.Instant updatedAt) {
    }

    record Pair(String ruleId, String value) {
    }
}
