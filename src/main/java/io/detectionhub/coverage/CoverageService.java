package io.detectionhub.coverage;

import io.detectionhub.attack.coverage.CoverageRule;
import io.detectionhub.attack.coverage.CoverageReport;
import io.detectionhub.attack.coverage.CoverageFilter;
import io.detectionhub.attack.coverage.NavigatorLayerBuilder;
import io.detectionhub.attack.coverage.CoverageCalculator;
import io.detectionhub.attack.coverage.CoverageCsv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import io.detectionhub.attack.AttackService;
import io.detectionhub.attack.AttackSnapshot;

/**
 * Coverage of the library, cached per (library version, catalogue version, filter): the heatmap and its exports are
 * computed once per change, however many rules there are.
 */
@Service
public class CoverageService {

    private static final int CACHE_SIZE = 64;

    private record Key(String libraryVersion, String catalogueVersion, CoverageFilter filter) {
    }

    private final ObjectProvider<CoverageRuleSource> rulesProvider;
    private final AttackService data;
    private final CoverageCalculator calculator = new CoverageCalculator();
    private final Map<Key, CoverageReport> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CoverageReport> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CoverageService(ObjectProvider<CoverageRuleSource> rulesProvider, AttackService data) {
        this.rulesProvider = rulesProvider;
        this.data = data;
    }

    public CoverageReport coverage(CoverageFilter filter) {
        CoverageRuleSource rules = rulesProvider.getIfAvailable();
        if (rules == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no rule library is available");
        }
        AttackSnapshot snapshot = data.snapshot();
        String libraryVersion = rules.version();
        Key key = new Key(libraryVersion, snapshot.version(), filter);
        synchronized (cache) {
            CoverageReport cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<CoverageRule> all = rules.rules();
        CoverageReport report = calculator.compute(all, snapshot.catalog(), filter);
        synchronized (cache) {
            cache.put(key, report);
        }
        return report;
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
