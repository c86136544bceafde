package io.detectionhub.library.revisions;

import io.detectionhub.library.EnrichmentJson;
import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RulePurged;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A rule's history and what can be done with it: list, read, diff, revert; the trash of deleted rules with restore
 * and purge. Every change goes through {@link RuleService}, so it is itself a revision, with its event and audit entry.
 */
@Service
@Transactional(readOnly = true)
public class RuleRevisions {

    private final RevisionStore store;
    private final RuleService rules;
    private final EnrichmentJson enrichmentJson;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RevisionPart> parts;

    RuleRevisions(RevisionStore store, RuleService rules, EnrichmentJson enrichmentJson,
                  ApplicationEventPublisher events, ObjectProvider<RevisionPart> parts) {
        this.store = store;
        this.rules = rules;
        this.enrichmentJson = enrichmentJson;
        this.events = events;
        this.parts = parts;
    }

    /**
     * The rule's revisions, newest first; the history of a deleted rule is kept (until purged).
     *
     * @throws RuleNotFoundException when the rule has no history (never stored, or purged)
     */
    public List<RevisionSummary> history(String ruleId) {
        List<RevisionSummary> history = store.history(ruleId);
        if (history.isEmpty()) {
            throw new RuleNotFoundException(ruleId);
        }
        return history;
    }

    /** @throws RevisionNotFoundException when there is no such revision (404) */
    public RuleRevision revision(String ruleId, int number) {
        return store.find(ruleId, number).orElseThrow(() -> notFound(ruleId, number));
    }

    /** Who last changed the rule's content (a review step is no change), or null when unknown. */
    public String lastAuthor(String ruleId) {
        return store.lastContentAuthor(ruleId);
    }

    /** The latest revision number of the rule (0 when it has none). */
    public int latest(String ruleId) {
        return store.latestNumber(ruleId);
    }

    /**
     * The diff from revision {@code from} to {@code to}. {@code to} defaults to the latest revision and {@code from}
     * to the one before {@code to}; 0 stands for the empty rule before revision 1.
     */
    public RevisionDiff diff(String ruleId, Integer from, Integer to) {
        int latest = store.latestNumber(ruleId);
        if (latest == 0) {
            throw new RuleNotFoundException(ruleId);
        }
        int b = to == null ? latest : to;
        int a = from == null ? Math.max(b - 1, 0) : from;
        RuleRevision x = a == 0 ? null : revision(ruleId, a);
        RuleRevision y = b == 0 ? null : revision(ruleId, b);
        return RevisionDiffer.diff(ruleId, a, x == null ? "" : x.yaml(), x == null ? null : x.enrichmentJson(),
                a == 0 ? Map.of() : store.parts(ruleId, a), b, y == null ? "" : y.yaml(),
                y == null ? null : y.enrichmentJson(), b == 0 ? Map.of() : store.parts(ruleId, b));
    }

    /**
     * The snapshots of the parts stored beside the rule (exceptions, tests) as revision {@code number} recorded
     * them, by part name; a part the revision did not record (it predates the part) is absent.
     *
     * @throws RevisionNotFoundException when there is no such revision (404)
     */
    public SortedMap<String, String> parts(String ruleId, int number) {
        revision(ruleId, number);
        return store.parts(ruleId, number);
    }

    /**
     * Sets the rule's YAML, enrichment and parts (exceptions, tests) to those of revision {@code to}: a new revision
     * ({@code reverted}) whose comment names the revision.
     *
     * @param expectedVersion the rule version the client read (ETag), or null for whatever version is stored
     * @throws RuleInTrashException when the rule is deleted (restore it first)
     */
    @Transactional
    public StoredRule revert(String ruleId, int to, Long expectedVersion, String comment) {
        if (!rules.exists(ruleId)) {
            if (store.trashed(ruleId).isPresent()) {
                throw new RuleInTrashException(ruleId);
            }
            throw new RuleNotFoundException(ruleId);
        }
        RuleRevision target = revision(ruleId, to);
        String why = RuleService.comment(comment);
        restoreParts(ruleId, to);
        return rules.revert(ruleId, target.yaml(), enrichmentJson.read(target.enrichmentJson()), expectedVersion,
                RuleService.comment("Reverted to revision " + to + (why == null ? "." : ": " + why)));
    }

    /** Deleted rules, newest deletion first. */
    public List<TrashedRule> trash() {
        return store.trash();
    }

    /** The rule's trash entry, when it is deleted. */
    public java.util.Optional<TrashedRule> findTrashed(String ruleId) {
        return store.trashed(ruleId);
    }

    /** @throws NotInTrashException when the rule is not in the trash */
    public TrashedRule trashed(String ruleId) {
        return store.trashed(ruleId).orElseThrow(() -> new NotInTrashException(ruleId, rules.exists(ruleId)));
    }

    /**
     * Brings a deleted rule back with the YAML and enrichment it had when deleted; its history continues (a new
     * revision, {@code restored}).
     *
     * @throws NotInTrashException when the rule is not in the trash
     */
    @Transactional
    public StoredRule restore(String ruleId, String comment) {
        TrashedRule trashed = store.lockTrashed(ruleId)
                .orElseThrow(() -> new NotInTrashException(ruleId, rules.exists(ruleId)));
        RuleRevision deletion = revision(ruleId, trashed.revision());
        String why = RuleService.comment(comment);
        restoreParts(ruleId, trashed.revision());
        return rules.restore(ruleId, deletion.yaml(), enrichmentJson.read(deletion.enrichmentJson()),
                RuleService.comment("Restored from the trash" + (why == null ? "." : ": " + why)));
    }

    /**
     * Removes a deleted rule for good: its trash entry and its whole history. The audit log keeps that it happened
     * ({@link RulePurged}).
     *
     * @throws NotInTrashException when the rule is not in the trash
     */
    @Transactional
    public void purge(String ruleId) {
        TrashedRule trashed = store.lockTrashed(ruleId)
                .orElseThrow(() -> new NotInTrashException(ruleId, rules.exists(ruleId)));
        int removed = store.deleteHistory(ruleId);
        store.untrash(ruleId);
        events.publishEvent(new RulePurged(ruleId, trashed.title(), removed));
    }

    /**
     * Puts each part back as revision {@code number} recorded it, before the rule's own write, so that the revision
     * that write records holds the restored parts. A part the revision did not record is left as it is.
     */
    private void restoreParts(String ruleId, int number) {
        Map<String, String> recorded = store.parts(ruleId, number);
        parts.orderedStream().forEach(part -> {
            String snapshot = recorded.get(part.name());
            if (snapshot != null) {
                part.restore(ruleId, snapshot);
            }
        });
    }

    private RevisionNotFoundException notFound(String ruleId, int number) {
        return new RevisionNotFoundException(ruleId, number, store.latestNumber(ruleId));
    }
}
