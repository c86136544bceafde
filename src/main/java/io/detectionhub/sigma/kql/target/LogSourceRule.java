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
 * {@code fields} and {@code eventData} apply on top of the table's for this logsource only, where a shared table holds
 * records of several shapes (the raw record of each cloud in Defender's CloudAuditEvents, field names with spaces in
 * one Windows channel).
 */
public record LogSourceRule(String category, String product, String service, String table, String reason,
                            Map<String, List<String>> require, Map<String, FieldMapping> fields, EventData eventData) {

    public LogSourceRule {
        require = require == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(require));
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public LogSourceRule(String category, String product, String service, String table, String reason,
                         Map<String, List<String>> require) {
        this(category, product, service, table, reason, require, Map.of(), null);
    }

    public LogSourceRule(String category, String product, String service, String table, String reason) {
        this(category, product, service, table, reason, Map.of());
    }

    /** True when the rule changes the table's field mappings (its own fields or event data). */
    public boolean refinesFields() {
        return !fields.isEmpty() || eventData != null;
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
