package io.detectionhub.coverage;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.AttackSnapshot;
import io.detectionhub.attack.coverage.CoverageCalculator;
import io.detectionhub.attack.coverage.CoverageCsv;
import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.attack.coverage.SuppressedRule;
import io.detectionhub.attack.coverage.NavigatorLayerBuilder;
import io.detectionhub.library.RuleLibraryChanged;
import io.detectionhub.ruletests.RuleTestService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage of the library, cached per (library version, catalogue version, filter, suppression state): the heatmap and
 * its exports are computed once per change, however many rules there are. A technique counts as covered only by rules
 * that are not fully suppressed by their tuning exceptions ({@link FullySuppressedRules}); those are listed apart.
 */
@Service
public class CoverageService {

    private static final int CACHE_SIZE = 64;

    private record Key(String libraryVersion, String catalogueVersion, CoverageFilter filter, String suppression) {
    }

    private final ObjectProvider<CoverageRuleSource> rulesProvider;
    private final AttackService data;
    private final FullySuppressedRules suppressed;
    private final CoverageCalculator calculator = new CoverageCalculator();
    private final Map<Key, CoverageReport> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CoverageReport> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CoverageService(ObjectProvider<CoverageRuleSource> rulesProvider, AttackService data,
                           FullySuppressedRules suppressed) {
        this.rulesProvider = rulesProvider;
        this.data = data;
        this.suppressed = suppressed;
    }

    public CoverageReport coverage(CoverageFilter filter) {
        CoverageRuleSource rules = rulesProvider.getIfAvailable();
        if (rules == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no rule library is available");
        }
        AttackSnapshot snapshot = data.snapshot();
        String libraryVersion = rules.version();
        FullySuppressedRules.State suppression = suppressed.current();
        Key key = new Key(libraryVersion, snapshot.version(), filter, suppression.key());
        synchronized (cache) {
            CoverageReport cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<CoverageRule> counted = new ArrayList<>();
        List<SuppressedRule> left = new ArrayList<>();
        for (CoverageRule rule : rules.rules()) {
            RuleTestService.Suppression s = suppression.rules().get(rule.ruleId());
            if (s == null) {
                counted.add(rule);
            } else if (filter.matches(rule)) {
                left.add(new SuppressedRule(rule.ruleId(), rule.title(), rule.level(), rule.techniqueIds(),
                        "every must-match event (" + s.basis() + ", " + s.suppressedEvents() + ") is suppressed by "
                                + "exception " + String.join(", ", s.exceptions())));
            }
        }
        CoverageReport report = calculator.compute(counted, snapshot.catalog(), filter).withFullySuppressed(left);
        synchronized (cache) {
            cache.put(key, report);
        }
        return report;
    }

    /**
     * A committed library write makes every report of an older library version useless: they are dropped at once
     * instead of waiting to age out. (Other instances see the new version through the library's version counter.)
     */
    @TransactionalEventListener
    void libraryChanged(RuleLibraryChanged change) {
        String current = String.valueOf(change.libraryVersion());
        synchronized (cache) {
            cache.keySet().removeIf(key -> !key.libraryVersion().equals(current));
        }
    }

    /** How many reports are cached. */
    int cachedReports() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public Map<String, Object> navigatorLayer(CoverageFilter filter) {
        return new NavigatorLayerBuilder().build(coverage(filter), data.catalog(),
                "Detection Hub coverage" + (filter.isAny() ? "" : " (" + filter.describe() + ")"));
    }

    public String csv(CoverageFilter filter) {
        StringBuilder out = new StringBuilder();
        new CoverageCsv().write(coverage(filter), out);
        return out.toString();
    }
}
