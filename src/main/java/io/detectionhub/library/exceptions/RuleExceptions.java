package io.detectionhub.library.exceptions;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.StoredRule;
import io.detectionhub.library.revisions.RulePartChanged;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.security.Actors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tuning exceptions of rules: read them (all, or those that apply today), and create, replace and delete them.
 * Every change publishes {@link RuleExceptionChanged} (audit) and {@link RulePartChanged} (a revision of the rule,
 * {@code exceptions-changed}) in its transaction. Exceptions of a deleted rule stay (a restore brings them back) until
 * the rule is purged. "Today" is the UTC date of the injectable {@link Clock}.
 */
@Service
@Transactional(readOnly = true)
public class RuleExceptions {

    /** The revision part's name. */
    public static final String PART = "exceptions";
    public static final int MAX_PER_RULE = 200;
    public static final int MAX_REASON = 2000;
    public static final int MAX_TICKET = 200;
    public static final int MAX_TITLE = 256;

    private final ExceptionStore store;
    private final RuleService rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RuleExceptions(ExceptionStore store, RuleService rules, ApplicationEventPublisher events,
                   ObjectProvider<Clock> clock) {
        this.store = store;
        this.rules = rules;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Every exception of the rule, expired ones too, oldest first. */
    public List<RuleException> forRule(String ruleId) {
        return store.forRule(ruleId);
    }

    /** The exceptions of the rule that apply today (not expired), oldest first. */
    public List<RuleException> activeFor(String ruleId) {
        LocalDate today = today();
        return store.forRule(ruleId).stream().filter(e -> !e.expiredOn(today)).toList();
    }

    /** Rule id to the exceptions that apply today, for library-wide use (export, coverage); rules without none left out. */
    public Map<String, List<RuleException>> activeForAll() {
        Map<String, List<RuleException>> byRule = new LinkedHashMap<>();
        for (RuleException e : store.activeOn(today())) {
            byRule.computeIfAbsent(e.ruleId(), k -> new java.util.ArrayList<>()).add(e);
        }
        byRule.replaceAll((k, v) -> List.copyOf(v));
        return byRule;
    }

    public Optional<RuleException> find(String ruleId, String exceptionId) {
        return store.find(exceptionId).filter(e -> e.ruleId().equals(ruleId));
    }

    /** Today's date (UTC) by the service's clock: what "expired" is measured against. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Stores a new exception of the rule; the author is the principal.
     *
     * @throws RuleNotFoundException     when the rule is not stored (404)
     * @throws InvalidExceptionException when a field is not acceptable (400)
     * @throws io.detectionhub.sigma.parser.SigmaValidationException when the YAML is not an acceptable filter (400)
     * @throws DuplicateExceptionException when the document's id is taken (409)
     */
    @Transactional
    public RuleException create(String ruleId, ExceptionRequest request, String comment) {
        SigmaRule rule = detectionRule(ruleId);
        Fields fields = fields(request);
        if (fields.expires() != null && !fields.expires().isAfter(today())) {
            throw new InvalidExceptionException("expires", "'expires' " + fields.expires() + " is not after today ("
                    + today() + "): the exception would never apply. Leave it empty for no expiry.");
        }
        if (store.forRule(ruleId).size() >= MAX_PER_RULE) {
            throw new InvalidExceptionException("yaml", "Rule '" + ruleId + "' has " + MAX_PER_RULE
                    + " exceptions, the most allowed: merge some of them.");
        }
        ExceptionYaml.Normalised yaml = ExceptionYaml.normalise(request.yaml(), ruleId, rule, null,
                fields.title());
        store.find(yaml.id()).ifPresent(other -> {
            throw new DuplicateExceptionException(yaml.id(), other.ruleId());
        });
        Instant now = now();
        RuleException created = new RuleException(yaml.id(), ruleId, yaml.filter().title(), yaml.yaml(),
                Actors.current(), fields.reason(), fields.expires(), fields.ticket(), now, now, 1);
        try {
            store.insert(created);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new DuplicateExceptionException(yaml.id(), ruleId);
        }
        publish(created, "created", comment);
        return created;
    }

    /**
     * Replaces the exception's YAML and fields (its author and creation time stay).
     *
     * @param expectedVersion the version the client read (ETag), or null for whatever version is stored
     * @throws ExceptionNotFoundException         when the rule has no such exception (404)
     * @throws ExceptionVersionConflictException when it is at another version (412)
     */
    @Transactional
    public RuleException replace(String ruleId, String exceptionId, ExceptionRequest request, Long expectedVersion,
                                 String comment) {
        SigmaRule rule = detectionRule(ruleId);
        RuleException current = locked(ruleId, exceptionId, expectedVersion);
        Fields fields = fields(request);
        ExceptionYaml.Normalised yaml = ExceptionYaml.normalise(request.yaml(), ruleId, rule, exceptionId,
                fields.title());
        RuleException replaced = new RuleException(exceptionId, ruleId, yaml.filter().title(), yaml.yaml(),
                current.author(), fields.reason(), fields.expires(), fields.ticket(), current.createdAt(), now(),
                current.version() + 1);
        store.update(replaced);
        publish(replaced, "replaced", comment);
        return replaced;
    }

    /**
     * Deletes the exception (the rule's history keeps it: a revert brings it back).
     *
     * @param expectedVersion the version the client read (ETag), or null for whatever version is stored
     */
    @Transactional
    public void delete(String ruleId, String exceptionId, Long expectedVersion, String comment) {
        requireRule(ruleId);
        RuleException current = locked(ruleId, exceptionId, expectedVersion);
        store.delete(exceptionId);
        publish(current, "deleted", comment);
    }

    /** The rule's exceptions go with the rule when it is purged (called by the purge listener). */
    @Transactional
    public int deleteAllOf(String ruleId) {
        return store.deleteForRule(ruleId);
    }

    private RuleException locked(String ruleId, String exceptionId, Long expectedVersion) {
        RuleException current = store.lock(exceptionId).filter(e -> e.ruleId().equals(ruleId))
                .orElseThrow(() -> new ExceptionNotFoundException(ruleId, exceptionId));
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ExceptionVersionConflictException(exceptionId, expectedVersion, current.version());
        }
        return current;
    }

    private void publish(RuleException exception, String action, String comment) {
        String why = RuleService.comment(comment);
        events.publishEvent(new RuleExceptionChanged(exception.ruleId(), exception.id(), action, why));
        events.publishEvent(new RulePartChanged(exception.ruleId(), PART, RuleService.comment("Exception '"
                + exception.title() + "' " + action + (why == null ? "." : ": " + why))));
    }

    private StoredRule requireRule(String ruleId) {
        return rules.find(ruleId).orElseThrow(() -> new RuleNotFoundException(ruleId));
    }

    private SigmaRule detectionRule(String ruleId) {
        StoredRule stored = requireRule(ruleId);
        if (!(stored.document() instanceof SigmaRule rule)) {
            throw new InvalidExceptionException("ruleId", "Rule '" + ruleId + "' is a correlation rule: exceptions "
                    + "apply to detection rules, so add them to the rules it correlates.");
        }
        return rule;
    }

    private record Fields(String title, String reason, java.time.LocalDate expires, String ticket) {
    }

    private static Fields fields(ExceptionRequest request) {
        if (request == null) {
            throw new InvalidExceptionException("yaml", "The request has no body: send yaml and reason.");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw new InvalidExceptionException("reason", "'reason' is required: say why these events are not "
                    + "worth an alert (reviewers and auditors read it).");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidExceptionException("reason", "'reason' is " + reason.length() + " characters long, at "
                    + "most " + MAX_REASON + " are allowed.");
        }
        String title = oneLine("title", request.title(), MAX_TITLE);
        String ticket = oneLine("ticket", request.ticket(), MAX_TICKET);
        return new Fields(title, reason, request.expires(), ticket);
    }

    private static String oneLine(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidExceptionException(field, "'" + field + "' is " + v.length() + " characters long, at "
                    + "most " + max + " are allowed.");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidExceptionException(field, "'" + field + "' must be one line of text.");
        }
        return v;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
