package io.detectionhub.library.web;

import io.detectionhub.library.exceptions.RuleException;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An exception as the API shows it: its fields, the whole filter document ({@code yaml}), and whether it applies today
 * ({@code active}) or stopped applying on its expiry date ({@code expired}).
 */
record ExceptionResponse(String id, String ruleId, String title, String yaml, String author, String reason,
                         LocalDate expires, String ticket, Instant createdAt, Instant updatedAt, long version,
                         boolean expired, boolean active) {

    static ExceptionResponse of(RuleException e, LocalDate today) {
        boolean expired = e.expiredOn(today);
        return new ExceptionResponse(e.id(), e.ruleId(), e.title(), e.yaml(), e.author(), e.reason(), e.expires(),
                e.ticket(), e.createdAt(), e.updatedAt(), e.version(), expired, !expired);
    }
}
