package io.detectionhub.sigma.kql.target;

import io.detectionhub.sigma.model.LogSource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logsource-to-table rule: every attribute given (category, product, service) must equal the rule's; the rule
 * with the most attributes given wins, the first written wins a tie. {@code require} holds column values every
 * query on this logsource must match (e.g. {@code ActionType: [CreateRemoteThreadApiCall]} on a shared table).
 */
public record LogSourceRule(String category, String product, String service, String table, String reason,
                            Map<String, List<String>> require) {

    public LogSourceRule {
        require = require == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(require));
    }

    public LogSourceRule(String category, String product, String service, String table, String reason) {
        this(category, product, service, table, reason, Map.of());
    }

    public boolean matches(LogSource logSource) {
        return (category == null || category.equals(logSource.category()))
                && (product == null || product.equals(logSource.product()))
                && (service == null || service.equals(logSource.service()));
    }

    public int specificity() {
        return (category != null ? 1 : 0) + (product != null ? 1 : 0) + (service != null ? 1 : 0);
    }

    public String describe() {
        return new LogSource(category, product, service, null).toString();
    }
}
