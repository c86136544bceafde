package io.detectionhub.audit;

import io.detectionhub.attack.CatalogueChanged;
import io.detectionhub.library.RuleLibraryChanged;
import io.detectionhub.library.RulePurged;
import io.detectionhub.library.RuleWorkflowChanged;
import io.detectionhub.library.exceptions.RuleExceptionChanged;
import io.detectionhub.ruletests.RuleTestChanged;
import io.detectionhub.security.AccountChanged;
import io.detectionhub.security.Actors;
import io.detectionhub.security.ApiKeyChanged;
import io.detectionhub.security.SignInEvent;
import io.detectionhub.sources.ImportJobChanged;
import io.detectionhub.sources.RuleSourceChanged;
import io.detectionhub.translate.TargetChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Turns the modules' events into audit entries. The listeners are synchronous, so an entry is written inside the
 * transaction that publishes its event: a committed change always has its entry, and a failed entry rolls the change
 * back.
 */
@Component
class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(RuleLibraryChanged event) {
        String verb = switch (event.change()) {
            case CREATED -> "created";
            case REPLACED -> "replaced";
            case DELETED -> "deleted";
            case ENRICHMENT_UPDATED -> "enrichment-updated";
            case RESTORED -> "restored";
            case REVERTED -> "reverted";
        };
        for (String id : event.ruleIds()) {
            log.record("rule." + verb, "rule", id, "rule " + verb.replace('-', ' ') + " (library version "
                    + event.libraryVersion() + ")" + (event.comment() == null ? "" : ": " + event.comment()));
        }
    }

    @EventListener
    void on(RuleWorkflowChanged event) {
        log.record("rule." + event.action(), "rule", event.ruleId(), "review: " + event.action() + ", now "
                + event.state() + (event.approvedRevision() == null ? "" : " (approved revision "
                + event.approvedRevision() + ")") + (event.comment() == null ? "" : ": " + event.comment()));
    }

    @EventListener
    void on(RulePurged event) {
        log.record("rule.purged", "rule", event.ruleId(), "rule purged from the trash with its " + event.revisions()
                + " revisions: " + event.title());
    }

    @EventListener
    void on(RuleExceptionChanged event) {
        log.record("rule-exception." + event.action(), "rule-exception", event.ruleId() + "/" + event.exceptionId(),
                "exception " + event.exceptionId() + " of rule " + event.ruleId() + " " + event.action()
                        + (event.comment() == null ? "" : ": " + event.comment()));
    }

    @EventListener
    void on(RuleTestChanged event) {
        String verb = keyword(event.change());
        log.record("rule-test." + verb, "rule-test", event.ruleId() + "/" + event.testId(), "test case '"
                + event.name() + "' of rule " + event.ruleId() + " " + verb
                + (event.version() > 0 ? " (version " + event.version() + ")" : ""));
    }

    @EventListener
    void on(TargetChanged event) {
        String verb = keyword(event.change());
        log.record("target." + verb, "target", event.name(), "target " + verb + ", version " + event.version()
                + (event.comment() == null ? "" : ": " + event.comment()));
    }

    @EventListener
    void on(ImportJobChanged event) {
        log.record("import." + keyword(event.change()), "import", Long.toString(event.jobId()), event.summary());
    }

    @EventListener
    void on(RuleSourceChanged event) {
        log.record("source." + keyword(event.change()), "source", Long.toString(event.sourceId()), event.summary());
    }

    @EventListener
    void on(CatalogueChanged event) {
        log.record("catalogue." + keyword(event.change()), "catalogue", event.kind(), event.summary());
    }

    @EventListener
    void on(AccountChanged event) {
        log.record("user." + keyword(event.change()), "user", event.username(), event.summary());
    }

    @EventListener
    void on(ApiKeyChanged event) {
        log.record("api-key." + keyword(event.change()), "api-key", Long.toString(event.id()), event.summary());
    }

    @EventListener
    void on(SignInEvent event) {
        if (event instanceof SignInEvent.SignedIn e) {
            log.recordAs(e.name(), "sign-in.succeeded", "session", e.name(), "signed in (" + e.method() + ")");
        } else if (event instanceof SignInEvent.SignInFailed e) {
            log.recordAs(Actors.ANONYMOUS, "sign-in.failed", "session", e.name(),
                    "sign-in failed (" + e.method() + "): " + e.detail());
        } else if (event instanceof SignInEvent.SignedOut e) {
            log.recordAs(e.name(), "sign-out", "session", e.name(), "signed out");
        }
    }

    private static String keyword(Enum<?> change) {
        return change.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
