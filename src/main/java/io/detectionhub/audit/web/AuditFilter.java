package io.detectionhub.audit.web;

import io.detectionhub.audit.AuditQuery;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.DateOrInstant;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The audit log's request parameters, bound the same way by the API and the page: {@code actor}, {@code action} (or a
 * prefix such as {@code rule.}), {@code objectType}, {@code objectId}, {@code from} and {@code to} (an instant such as
 * {@code 2026-12-01T08:00:00Z}, or a date meaning its start in UTC; {@code to} is exclusive), {@code page} (from 0) and
 * {@code size} (1 to {@value #MAX_SIZE}).
 */
record AuditFilter(String actor, String action, String objectType, String objectId, String from, String to,
                   Integer page, Integer size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    static final int MAX_PAGE = 100_000;

    AuditQuery query() {
        return new AuditQuery(actor, action, objectType, objectId, instant("from", from), instant("to", to));
    }

    int pageNumber() {
        int p = page == null ? 0 : page;
        if (p < 0 || p > MAX_PAGE) {
            throw new BadRequestException("page must be between 0 and " + MAX_PAGE + ".");
        }
        return p;
    }

    int pageSize() {
        int s = size == null ? DEFAULT_SIZE : size;
        if (s < 1 || s > MAX_SIZE) {
            throw new BadRequestException("size must be between 1 and " + MAX_SIZE + ".");
        }
        return s;
    }

    private static Instant instant(String name, String value) {
        try {
            return DateOrInstant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date (2026-12-01) or an instant (2026-12-01T08:00:00Z).");
        }
    }
}
