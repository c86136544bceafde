package io.detectionhub.library.exceptions;

import io.detectionhub.library.RulePurged;
import io.detectionhub.library.revisions.RevisionPart;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rule's exceptions as a revision part: every revision holds them as JSON (sorted by id; content only, not the
 * row version), a revert puts them back, and purging a rule deletes them.
 */
@Component
class ExceptionsPart implements RevisionPart {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One exception in a snapshot; the field order is the snapshot's. */
    record Entry(String id, String title, String author, String reason, String expires, String ticket,
                 String createdAt, String yaml) {

        static Entry of(RuleException e) {
            return new Entry(e.id(), e.title(), e.author(), e.reason(),
                    e.expires() == null ? null : e.expires().toString(), e.ticket(), e.createdAt().toString(),
                    e.yaml());
        }

        boolean sameContent(RuleException e) {
            return equals(of(e));
        }
    }

    private final ExceptionStore store;
    private final Clock clock;

    ExceptionsPart(ExceptionStore store, ObjectProvider<Clock> clock) {
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public String name() {
        return RuleExceptions.PART;
    }

    @Override
    public String snapshot(String ruleId) {
        List<Entry> entries = store.forRule(ruleId).stream().map(Entry::of)
                .sorted(Comparator.comparing(Entry::id)).toList();
        return entries.isEmpty() ? "[]" : JSON.writeValueAsString(entries);
    }

    /**
     * Makes the stored exceptions those of the snapshot: missing ones inserted, changed ones updated (a new row
     * version, so an ETag read before the revert no longer matches), others deleted.
     */
    @Override
    public void restore(String ruleId, String snapshot) {
        List<Entry> wanted = JSON.readValue(snapshot, new TypeReference<List<Entry>>() {
        });
        Map<String, RuleException> current = store.forRule(ruleId).stream()
                .collect(Collectors.toMap(RuleException::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (Entry entry : wanted) {
            RuleException existing = current.remove(entry.id());
            if (existing != null && entry.sameContent(existing)) {
                continue;
            }
            RuleException restored = new RuleException(entry.id(), ruleId, entry.title(), entry.yaml(),
                    entry.author(), entry.reason(), entry.expires() == null ? null : LocalDate.parse(entry.expires()),
                    entry.ticket(), Instant.parse(entry.createdAt()), now,
                    existing == null ? 1 : existing.version() + 1);
            if (existing == null) {
                store.find(entry.id()).ifPresent(other -> {
                    // ids are never reused across rules by this service, but a client may have chosen one
                    throw new DuplicateExceptionException(entry.id(), other.ruleId());
                });
                store.insert(restored);
            } else {
                store.update(restored);
            }
        }
        current.keySet().forEach(store::delete);
    }

    @EventListener
    void on(RulePurged event) {
        store.deleteForRule(event.ruleId());
    }
}
