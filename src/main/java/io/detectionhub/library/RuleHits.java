package io.detectionhub.library;

import org.springframework.data.domain.Page;

import java.util.List;
import java.util.Map;

/**
 * A page of a rule search with what explains it: for a text query, the highlighted title and best passage of each
 * rule on the page (by rule id), and the query with its misspelled words corrected ({@code didYouMean}, null when
 * every word was found as typed).
 */
public record RuleHits(Page<RuleSummary> page, Map<String, Highlight> highlights, String didYouMean) {

    public RuleHits {
        highlights = highlights == null ? Map.of() : Map.copyOf(highlights);
    }

    /** Text cut into the parts that matched the query ({@code hit}) and the parts around them. */
    public record Fragment(String text, boolean hit) {
    }

    /**
     * Where a rule matched: its title with the matching words marked (null when the title did not match), and the
     * best passage of another field ({@code field} is description or detection; null when none matched).
     */
    public record Highlight(List<Fragment> title, String field, List<Fragment> passage) {
    }
}
