package io.detectionhub.library.revisions;

import io.detectionhub.library.RuleLibraryChanged;
import io.detectionhub.library.RuleService;
import io.detectionhub.security.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writes a revision for every rule of every {@link RuleLibraryChanged}, synchronously, so the revision is part of the
 * change's transaction (a change without its revision never commits). The author is the principal
 * ({@link Actors#current()}), the comment the event's. A deletion copies the last content into its revision and puts
 * the rule in the trash; a creation of an id that is in the trash takes the id back and continues its history. Every
 * revision holds a snapshot of every {@link RevisionPart}: taken anew when content or a part changed, copied from the
 * previous revision for review steps and deletions (nothing beside the rule changed then).
 */
@Component
class RevisionRecorder {

    static final String CREATED_AGAIN = "Created again with the id of a deleted rule: its history continues here.";

    private static final Logger log = LoggerFactory.getLogger(RevisionRecorder.class);

    private final RevisionStore store;
    private final Clock clock;
    private final ObjectProvider<RevisionPart> parts;

    RevisionRecorder(RevisionStore store, ObjectProvider<Clock> clock, ObjectProvider<RevisionPart> parts) {
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.parts = parts;
    }

    @EventListener
    void on(RuleLibraryChanged event) {
        String author = Actors.current();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (String id : event.ruleIds()) {
            record(id, event.change(), event.comment(), author, at);
        }
    }

    /** A review step is a revision too: the content stays the latest revision's, the change names the step. */
    @EventListener
    void on(io.detectionhub.library.RuleWorkflowChanged event) {
        var last = store.latest(event.ruleId());
        if (last.isEmpty()) {
            return;
        }
        RuleRevision l = last.get();
        store.insert(event.ruleId(), l.number() + 1, event.action(), Actors.current(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), event.comment(), l.title(), l.yaml(),
                l.enrichmentJson());
        store.copyParts(event.ruleId(), l.number(), l.number() + 1);
    }

    /**
     * A part stored beside the rule changed (an exception, a test case): a revision {@code <part>-changed} with the
     * rule's content as it is and a new snapshot of every part.
     */
    @EventListener
    void on(RulePartChanged event) {
        String id = event.ruleId();
        var current = store.current(id);
        if (current.isEmpty()) {
            log.warn("Part {} of rule {} changed but the rule is not stored; no revision written", event.part(), id);
            return;
        }
        int next = store.latestNumber(id) + 1;
        store.insert(id, next, event.part() + "-changed", Actors.current(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), event.comment(), current.get().title(),
                current.get().yaml(), current.get().enrichment());
        snapshotParts(id, next);
    }

    private void snapshotParts(String ruleId, int number) {
        parts.orderedStream().forEach(part -> store.insertPart(ruleId, number, part.name(), part.snapshot(ruleId)));
    }

    private void record(String id, RuleLibraryChanged.Change change, String comment, String author, Instant at) {
        int next = store.latestNumber(id) + 1;
        if (change == RuleLibraryChanged.Change.DELETED) {
            var last = store.latest(id);
            if (last.isEmpty()) {
                log.warn("Rule {} was deleted without any revision: it cannot be restored", id);
                return;
            }
            RuleRevision l = last.get();
            store.insert(id, next, keyword(change), author, at, comment, l.title(), l.yaml(), l.enrichmentJson());
            store.copyParts(id, l.number(), next);
            store.trash(id, l.title(), next, author, at);
            return;
        }
        var current = store.current(id);
        if (current.isEmpty()) {
            log.warn("Rule {} changed ({}) but is not stored; no revision written", id, change);
            return;
        }
        String recorded = comment;
        boolean wasTrashed = store.untrash(id);
        if (wasTrashed && change == RuleLibraryChanged.Change.CREATED) {
            recorded = RuleService.comment(comment == null ? CREATED_AGAIN : CREATED_AGAIN + " " + comment);
        }
        store.insert(id, next, keyword(change), author, at, recorded, current.get().title(), current.get().yaml(),
                current.get().enrichment());
        snapshotParts(id, next);
    }

    static String keyword(RuleLibraryChanged.Change change) {
        return change.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
