package io.detectionhub.coverage;

import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.library.LibraryRule;
import io.detectionhub.library.LibrarySnapshot;
import io.detectionhub.library.RuleService;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.parser.SigmaParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule library as coverage reads it: one snapshot (and its parsed documents) per library version, read again
 * only when the library's write counter moves.
 */
@Component
public class LibraryCoverageRuleSource implements CoverageRuleSource {

    private static final Logger log = LoggerFactory.getLogger(LibraryCoverageRuleSource.class);

    private record Loaded(long version, List<CoverageRule> rules, List<LibraryRule> libraryRules) {
    }

    private record Parsed(long version, List<SigmaDocument> documents) {
    }

    private final RuleService ruleService;
    private final SigmaParser parser = new SigmaParser();
    private volatile Loaded loaded;
    private volatile Parsed parsed;

    public LibraryCoverageRuleSource(RuleService ruleService) {
        this.ruleService = ruleService;
    }

    @Override
    public String version() {
        return String.valueOf(ruleService.libraryVersion());
    }

    @Override
    public List<CoverageRule> rules() {
        return load().rules();
    }

    @Override
    public List<SigmaDocument> documents() {
        Loaded l = load();
        Parsed p = parsed;
        if (p != null && p.version() == l.version()) {
            return p.documents();
        }
        synchronized (this) {
            p = parsed;
            if (p == null || p.version() != l.version()) {
                List<SigmaDocument> documents = new ArrayList<>();
                for (LibraryRule rule : l.libraryRules()) {
                    try {
                        documents.addAll(parser.parse(rule.yaml()).documents());
                    } catch (RuntimeException e) {
                        log.warn("rule {} is left out of the Atomic coverage check: {}", rule.id(), e.getMessage());
                    }
                }
                p = new Parsed(l.version(), List.copyOf(documents));
                parsed = p;
            }
            return p.documents();
        }
    }

    private Loaded load() {
        long current = ruleService.libraryVersion();
        Loaded l = loaded;
        if (l != null && l.version() == current) {
            return l;
        }
        synchronized (this) {
            l = loaded;
            if (l == null || l.version() != current) {
                LibrarySnapshot snapshot = ruleService.snapshot();
                List<CoverageRule> rules = snapshot.rules().stream()
                        .map(r -> new CoverageRule(r.id(), r.title(), r.techniques(), r.level(), r.status(),
                                r.product()))
                        .toList();
                l = new Loaded(snapshot.version(), rules, snapshot.rules());
                loaded = l;
            }
            return l;
        }
    }
}
