package io.detectionhub;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaAuditing;

/**
 * Spring Data JPA auditing: entities with {@code @CreatedBy} / {@code @LastModifiedBy} get the current principal from
 * the {@code AuditorAware<String>} bean of the security configuration; without one (or without a signed-in user)
 * they stay null. A configuration of its own, so that web slice tests ({@code @WebMvcTest}) do not need JPA.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaAuditing
class JpaAuditingConfiguration {
}
