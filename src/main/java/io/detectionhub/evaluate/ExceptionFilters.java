package io.detectionhub.evaluate;

import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.sigma.model.SigmaFilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The active tuning exceptions of stored rules as the Sigma filters the engine applies ({@link RuleException#filter()}
 * keeps parsed documents, so a library-wide evaluation does not parse every exception per request).
 */
final class ExceptionFilters {

    /** Above this many rules one library-wide read is cheaper than one read per rule. */
    private static final int PER_RULE_READS = 16;

    /**
     * The library's active exceptions: {@code fingerprint} names exactly which (ids and versions), so an engine
     * compiled with them is reused only while the same ones apply.
     */
    record Active(String fingerprint, List<SigmaFilter> filters) {
    }

    private final RuleExceptions exceptions;

    ExceptionFilters(RuleExceptions exceptions) {
        this.exceptions = exceptions;
    }

    /** The filters of the active exceptions of these stored rules. */
    List<SigmaFilter> activeFor(Collection<String> ruleIds) {
        List<RuleException> active = new ArrayList<>();
        if (ruleIds.size() > PER_RULE_READS) {
            Map<String, List<RuleException>> all = exceptions.activeForAll();
            ruleIds.forEach(id -> active.addAll(all.getOrDefault(id, List.of())));
        } else {
            ruleIds.forEach(id -> active.addAll(exceptions.activeFor(id)));
        }
        return active.stream().map(RuleException::filter).toList();
    }

    /** Every active exception of the library. */
    Active activeForAll() {
        List<RuleException> all = exceptions.activeForAll().values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(RuleException::id)).toList();
        String fingerprint = all.stream().map(e -> e.id() + "@" + e.version()).collect(Collectors.joining(","));
        return new Active(fingerprint, all.stream().map(RuleException::filter).toList());
    }
}
