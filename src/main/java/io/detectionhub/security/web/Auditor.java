package io.detectionhub.security.web;

import io.detectionhub.security.Actors;
import org.springframework.data.domain.AuditorAware;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who changed an entity, for Spring Data's {@code @CreatedBy}/{@code @LastModifiedBy}: the authenticated principal
 * ({@link Actors}: a user name, {@code api-key:<name>}, or {@code system} for work no request started).
 */
@Component
class Auditor implements AuditorAware<String> {

    @Override
    public Optional<String> getCurrentAuditor() {
        return Optional.of(Actors.current());
    }
}
