package io.detectionhub.library.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.detectionhub.library.RuleSummary;
import org.springframework.data.domain.Page;

import java.util.List;

/**
 * One page of a rule search; {@code total} counts every match, {@code page} is 0-based. {@code facets} is present
 * when asked for ({@code facets=true}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RulePage(List<RuleSummary> items, int page, int size, long total, int totalPages, RuleFacets facets) {

    static RulePage of(Page<RuleSummary> page, RuleFacets facets) {
        return new RulePage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages(), facets);
    }
}
