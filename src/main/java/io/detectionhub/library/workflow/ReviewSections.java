package io.detectionhub.library.workflow;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevision;
import io.detectionhub.library.revisions.RuleRevisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The contributed sections of a rule's review ({@link ReviewSection} beans of other modules, in their order): each
 * compares the rule's approved revision with the rule as it is now. A section that fails becomes an error section,
 * so one broken contribution does not take the Review page down.
 */
@Service
public class ReviewSections {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewSections.class);

    private final ObjectProvider<ReviewSection> sections;
    private final RuleService rules;
    private final RuleRevisions revisions;
    private final RuleReview review;

    ReviewSections(ObjectProvider<ReviewSection> sections, RuleService rules, RuleRevisions revisions,
                   RuleReview review) {
        this.sections = sections;
        this.rules = rules;
        this.revisions = revisions;
        this.review = review;
    }

    /** The names of the contributed sections, in order. */
    public List<String> names() {
        return sections.orderedStream().map(ReviewSection::name).toList();
    }

    /** @throws RuleNotFoundException when the rule is not stored */
    public List<ReviewSectionView> views(String ruleId) {
        return views(review.status(ruleId));
    }

    /** The sections of a rule whose review status was just read (the Review page reads it for its list). */
    public List<ReviewSectionView> views(ReviewStatus status) {
        StoredRule current = rules.find(status.ruleId()).orElseThrow(() -> new RuleNotFoundException(status.ruleId()));
        RuleRevision approved = status.approvedRevision() == null ? null
                : revisions.revision(status.ruleId(), status.approvedRevision());
        return sections.orderedStream().map(section -> view(section, approved, current)).toList();
    }

    private static ReviewSectionView view(ReviewSection section, RuleRevision approved, StoredRule current) {
        try {
            return section.view(current.id(), approved, current);
        } catch (RuntimeException e) {
            LOG.warn("Review section '{}' failed for rule {}", section.name(), current.id(), e);
            return ReviewSectionView.error(section.name(), "This part of the review could not be made: "
                    + e.getMessage());
        }
    }
}
