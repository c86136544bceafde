package io.detectionhub.library;

import org.springframework.data.jpa.repository.JpaRepository;

interface RuleProvenanceRepository extends JpaRepository<RuleProvenanceEntity, String> {
}
