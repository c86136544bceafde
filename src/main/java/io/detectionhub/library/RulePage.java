package io.detectionhub.library;

import org.springframework.data.domain.Page;

import java.util.List;

/** One page of a rule search; {@code total} counts every match, {@code page} is 0-based. */
public record RulePage(List<RuleSummary> items, int page, int size, long total, int totalPages) {

    static RulePage of(Page<RuleSummary> page) {
        return new RulePage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages());
    }
}
