package io.detectionhub.audit;

import io.detectionhub.security.Actors;
import io.detectionhub.security.RemoteAddresses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes entries (in the caller's transaction: an entry commits or rolls back with its change) and reads them with
 * filters. Who and from where come from the current request, never from what a client sends.
 */
@Service
public class AuditLog {

    static final int MAX_SUMMARY = 1000;
    static final int MAX_ID = 200;

    /** One page of entries, newest first, with the total that match. */
    public record Page(List<AuditEntry> entries, int page, int size, long total) {
    }

    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    /** Records an action of the current actor. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String objectType, String objectId, String summary) {
        recordAs(Actors.current(), action, objectType, objectId, summary);
    }

    /** Records an action of a named actor (a sign-in, whose actor is not the request's yet). */
    @Transactional
    public void recordAs(String actor, String action, String objectType, String objectId, String summary) {
        repository.insert(Instant.now().truncatedTo(ChronoUnit.MICROS), cut(actor, MAX_ID), action, objectType,
                cut(objectId, MAX_ID), cut(summary == null ? action : summary, MAX_SUMMARY), RemoteAddresses.current());
    }

    @Transactional(readOnly = true)
    public Page search(AuditQuery query, int page, int size) {
        return new Page(repository.find(query, (long) page * size, size), page, size, repository.count(query));
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String printable = s.replaceAll("\\p{Cntrl}", " ");
        return printable.length() > max ? printable.substring(0, max - 1) + "…" : printable;
    }
}
