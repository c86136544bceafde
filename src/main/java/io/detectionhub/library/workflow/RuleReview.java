package io.detectionhub.library.workflow;

import io.detectionhub.library.RuleLibraryChanged;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.RuleWorkflowChanged;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RuleRevision;
import io.detectionhub.library.revisions.RuleRevisions;
import io.detectionhub.security.Actors;
import io.detectionhub.security.Team;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The review workflow: draft -> in review -> approved -> retired. Editors submit, a reviewer (an editor) approves or
 * sends back with a comment; with four-eyes on ({@code detectionhub.review.four-eyes}: auto, on when more than one account may edit) the approver must
 * not be the last author. An edit of an approved rule puts it back in review, and its approved revision stays the one
 * exported ({@link #approved}) until the new one is approved. Each step is a revision and an audit entry
 * ({@link RuleWorkflowChanged}).
 */
@Service
@Transactional(readOnly = true)
public class RuleReview {

    private final JdbcClient jdbc;
    private final RuleService rules;
    private final RuleRevisions revisions;
    private final ApplicationEventPublisher events;
    private final FourEyes fourEyesSetting;
    private final Team team;

    RuleReview(JdbcClient jdbc, RuleService rules, RuleRevisions revisions, ApplicationEventPublisher events,
               @Value("${detectionhub.review.four-eyes:auto}") String fourEyes, Team team) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.revisions = revisions;
        this.events = events;
        this.fourEyesSetting = FourEyes.of(fourEyes);
        this.team = team;
    }

    record Row(String ruleId, ReviewState state, Integer approvedRevision, String changedBy, Instant changedAt) {
    }

    /**
     * {@code detectionhub.review.four-eyes}: {@code auto} (the default) is on as soon as more than one enabled account
     * may edit, so a team gets it without configuring anything and a single engineer can still approve alone.
     */
    enum FourEyes {
        ON, OFF, AUTO;

        static FourEyes of(String setting) {
            return switch (setting == null ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on" -> ON;
                case "false", "off" -> OFF;
                case "auto", "" -> AUTO;
                default -> throw new IllegalStateException("detectionhub.review.four-eyes must be auto, true or "
                        + "false, not '" + setting + "'");
            };
        }
    }

    /** Whether the approver of a rule must not be its last author, now. */
    public boolean fourEyes() {
        return switch (fourEyesSetting) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> team.enabledEditors() > 1;
        };
    }

    /** @throws RuleNotFoundException when the rule is not stored */
    public ReviewStatus status(String ruleId) {
        if (!rules.exists(ruleId)) {
            throw new RuleNotFoundException(ruleId);
        }
        return status(ruleId, fourEyes());
    }

    private ReviewStatus status(String ruleId, boolean fourEyes) {
        Optional<Row> row = row(ruleId, false);
        return new ReviewStatus(ruleId, row.map(r -> r.state().json()).orElse(ReviewState.DRAFT.json()),
                row.map(Row::approvedRevision).orElse(null), revisions.latest(ruleId), revisions.lastAuthor(ruleId),
                fourEyes, row.map(Row::changedBy).orElse(null), row.map(Row::changedAt).orElse(null));
    }

    /**
     * Takes a review step on the rule.
     *
     * @throws ReviewRefusedException when the step does not fit the rule's state, a send-back has no comment, or
     *                                four-eyes refuses a self-approval
     */
    @Transactional
    public ReviewStatus act(String ruleId, ReviewAction action, String comment) {
        if (!rules.exists(ruleId)) {
            throw new RuleNotFoundException(ruleId);
        }
        String why = RuleService.comment(comment);
        Optional<Row> row = row(ruleId, true);
        ReviewState state = row.map(Row::state).orElse(ReviewState.DRAFT);
        if (!action.allowedFrom(state)) {
            throw new ReviewRefusedException("review-refused", "Review step not possible", "Rule '" + ruleId
                    + "' is " + state.json() + "; it cannot be " + action.done() + " from there.");
        }
        if (action == ReviewAction.SEND_BACK && why == null) {
            throw new ReviewRefusedException("review-refused", "Comment needed",
                    "Say why you send the rule back (comment): its author needs to know what to change.");
        }
        String actor = Actors.current();
        if (action == ReviewAction.APPROVE && fourEyes() && actor.equals(revisions.lastAuthor(ruleId))) {
            throw new ReviewRefusedException("four-eyes", "Four-eyes approval",
                    "You made the latest change of rule '" + ruleId + "', so someone else must approve it "
                            + "(four-eyes is on: detectionhub.review.four-eyes).");
        }
        Integer approved = row.map(Row::approvedRevision).orElse(null);
        if (action == ReviewAction.APPROVE) {
            approved = revisions.latest(ruleId);
        }
        write(ruleId, action.to(), approved, actor, row.isPresent());
        events.publishEvent(new RuleWorkflowChanged(ruleId, action.done(), action.to().json(), approved, why));
        return status(ruleId);
    }

    /**
     * The revision to export and deploy: the approved one when the rule has been approved (even while a newer one is
     * in review), none when the rule is retired, else the latest (a rule never reviewed is exported as it is).
     */
    public Optional<RuleRevision> approved(String ruleId) {
        Optional<Row> row = row(ruleId, false);
        if (row.isPresent() && row.get().state() == ReviewState.RETIRED) {
            return Optional.empty();
        }
        Integer number = row.map(Row::approvedRevision).orElse(null);
        int n = number != null ? number : revisions.latest(ruleId);
        return n == 0 ? Optional.empty() : Optional.of(revisions.revision(ruleId, n));
    }

    /**
     * The rule as it is approved for deployment: {@code current} with the content of its approved revision (also while
     * a newer revision waits for review) and that revision's number as its version; empty when no revision was ever
     * approved or the rule is retired.
     */
    public Optional<StoredRule> approvedRule(StoredRule current) {
        Optional<Row> row = row(current.id(), false);
        if (row.isEmpty() || row.get().state() == ReviewState.RETIRED || row.get().approvedRevision() == null) {
            return Optional.empty();
        }
        RuleRevision approved = revisions.revision(current.id(), row.get().approvedRevision());
        return Optional.of(rules.withContent(current, approved.yaml(), approved.enrichmentJson(), approved.number()));
    }

    /** The rule's review state ({@code draft} when it never took a review step). */
    public String state(String ruleId) {
        return row(ruleId, false).map(Row::state).orElse(ReviewState.DRAFT).json();
    }

    /** Rules waiting for review, the longest waiting first. */
    public List<ReviewStatus> waiting() {
        List<String> ids = jdbc.sql("SELECT rule_id FROM rule_workflow WHERE state = :s ORDER BY changed_at, rule_id")
                .param("s", ReviewState.IN_REVIEW.json()).query(String.class).list();
        boolean fourEyes = fourEyes();
        return ids.stream().filter(rules::exists).map(id -> status(id, fourEyes)).toList();
    }

    /**
     * Keeps the state in step with the library: an edit of an approved rule goes back to review (its approved
     * revision stays the exported one); a rule created again over a deleted one starts as a draft.
     */
    @EventListener
    void on(RuleLibraryChanged event) {
        for (String id : event.ruleIds()) {
            switch (event.change()) {
                case REPLACED, ENRICHMENT_UPDATED, REVERTED -> row(id, true)
                        .filter(r -> r.state() == ReviewState.APPROVED)
                        .ifPresent(r -> write(id, ReviewState.IN_REVIEW, r.approvedRevision(), Actors.current(), true));
                case CREATED -> jdbc.sql("DELETE FROM rule_workflow WHERE rule_id = :id").param("id", id).update();
                default -> {
                }
            }
        }
    }

    private Optional<Row> row(String ruleId, boolean lock) {
        return jdbc.sql("SELECT * FROM rule_workflow WHERE rule_id = :id" + (lock ? " FOR UPDATE" : ""))
                .param("id", ruleId)
                .query((rs, n) -> new Row(rs.getString("rule_id"), ReviewState.parse(rs.getString("state")),
                        (Integer) rs.getObject("approved_revision", Integer.class), rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void write(String ruleId, ReviewState state, Integer approved, String actor, boolean exists) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String sql = exists
                ? "UPDATE rule_workflow SET state = :s, approved_revision = :a, changed_by = :by, changed_at = :at "
                + "WHERE rule_id = :id"
                : "INSERT INTO rule_workflow (rule_id, state, approved_revision, changed_by, changed_at) "
                + "VALUES (:id, :s, :a, :by, :at)";
        jdbc.sql(sql).param("id", ruleId).param("s", state.json()).param("a", approved, java.sql.Types.INTEGER)
                .param("by", actor).param("at", now).update();
    }
}
