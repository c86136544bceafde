package io.detectionhub.coverage;

import io.detectionhub.library.RuleNotFoundException;
import io.detectionhub.library.RuleService;
import io.detectionhub.library.exceptions.RuleException;
import io.detectionhub.library.exceptions.RuleExceptions;
import io.detectionhub.ruletests.RuleTestService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which rules are fully suppressed by their tuning exceptions (see {@link RuleTestService#suppression}): only rules
 * with active exceptions are judged, by running their must-match events. The answer is kept while the library
 * version, the set of active exceptions (ids and versions: an exception also stops applying on its expiry date) and
 * the test cases of those rules (ids and versions, read from the database, so every instance sees a change) stay the same.
 */
@Component
public class FullySuppressedRules {

    /**
     * The rules judged fully suppressed, by id; {@code key} names the state they were judged in (callers cache what
     * they compute from it under that key).
     */
    public record State(String key, Map<String, RuleTestService.Suppression> rules) {
        public State {
            rules = Map.copyOf(rules);
        }
    }

    private final RuleService library;
    private final RuleExceptions exceptions;
    private final RuleTestService tests;
    private volatile State state;

    FullySuppressedRules(RuleService library, RuleExceptions exceptions, RuleTestService tests) {
        this.library = library;
        this.exceptions = exceptions;
        this.tests = tests;
    }

    public State current() {
        Map<String, List<RuleException>> active = exceptions.activeForAll();
        String key = library.libraryVersion() + "|" + tests.casesState(active.keySet()) + "|" + active.values().stream()
                .flatMap(List::stream).map(e -> e.id() + "@" + e.version()).sorted()
                .collect(Collectors.joining(","));
        State s = state;
        if (s != null && s.key().equals(key)) {
            return s;
        }
        synchronized (this) {
            s = state;
            if (s != null && s.key().equals(key)) {
                return s;
            }
            Map<String, RuleTestService.Suppression> suppressed = new LinkedHashMap<>();
            for (String ruleId : active.keySet()) {
                try {
                    RuleTestService.Suppression judged = tests.suppression(ruleId);
                    if (judged.fullySuppressed()) {
                        suppressed.put(ruleId, judged);
                    }
                } catch (RuleNotFoundException e) {
                    // a rule in the trash keeps its exceptions but is not in the library either
                }
            }
            s = new State(key, suppressed);
            state = s;
            return s;
        }
    }
}
