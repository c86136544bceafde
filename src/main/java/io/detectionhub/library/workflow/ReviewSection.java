package io.detectionhub.library.workflow;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevision;

/**
 * A part of a rule's review that another module contributes (the KQL per target, the rule's test results): a Spring
 * bean; the Review page and {@code GET /api/rules/{id}/review/sections} show every contributed section, in the beans'
 * {@link org.springframework.core.annotation.Order} (lowest first). A section that throws is shown as an error
 * section naming the problem instead of failing the whole review.
 */
public interface ReviewSection {

    /** A stable key for the section, for the API and the page's ids: {@code kql}, {@code tests}. */
    String name();

    /**
     * What the reviewer needs to see of this part: the approved revision against the current rule.
     *
     * @param approved the approved revision (what is exported and deployed now); null when none was ever approved
     * @param current  the rule as it is now, the text waiting for approval
     */
    ReviewSectionView view(String ruleId, RuleRevision approved, StoredRule current);
}
