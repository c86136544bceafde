package io.detectionhub.library.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.detectionhub.library.RuleHits;
import io.detectionhub.library.RuleSummary;
import org.springframework.data.domain.Page;

import java.util.List;
import java.util.Map;

/**
 * One page of a rule search; {@code total} counts every match, {@code page} is 0-based. {@code facets} is present
 * when asked for ({@code facets=true}). For words in {@code q}: {@code highlights} holds, by rule id, the title with
 * its matching words marked and the best matching passage of the description or detection (as fragments of plain
 * text, {@code hit} true for a match); {@code didYouMean} is the query with misspelled words corrected (the search
 * already used the corrections).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RulePage(@JsonInclude(JsonInclude.Include.ALWAYS) List<RuleSummary> items, int page, int size,
                       long total, int totalPages, RuleFacets facets, Map<String, RuleHits.Highlight> highlights,
                       String didYouMean) {

    static RulePage of(RuleHits hits, RuleFacets facets) {
        Page<RuleSummary> page = hits.page();
        return new RulePage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
                page.getTotalPages(), facets, hits.highlights(), hits.didYouMean());
    }
}
