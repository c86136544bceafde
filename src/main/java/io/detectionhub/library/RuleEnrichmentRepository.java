package io.detectionhub.library;

import org.springframework.data.jpa.repository.JpaRepository;

interface RuleEnrichmentRepository extends JpaRepository<RuleEnrichmentEntity, String> {
}
