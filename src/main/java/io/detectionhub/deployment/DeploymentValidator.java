package io.detectionhub.deployment;

import io.detectionhub.sigma.kql.target.EntityMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks a deployed rule must pass before it is exported: the constraints the Azure-Sentinel repository's CI
 * enforces on analytics rules (its detection template schema validation: name, description and query lengths,
 * frequency and period between 5 minutes and 14 days with period at least the frequency, at least an hour between
 * runs over periods of two days or more, threshold 0-10,000, 1-5 entity mappings of 1-3 field mappings each with
 * known entity types and identifiers, at most 20 custom details with column-name values) and what Defender XDR custom
 * detections need (Timestamp and ReportId in every row, an impacted device or user). Each finding says how to fix it.
 */
public final class DeploymentValidator {

    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_QUERY = 10_000;
    static final Duration MIN_SCHEDULE = Duration.ofMinutes(5);
    static final Duration MAX_SCHEDULE = Duration.ofDays(14);
    private static final Pattern DETAIL_KEY = Pattern.compile("[a-zA-Z]+\\w*");
    private static final Pattern DETAIL_VALUE = Pattern.compile("[a-zA-Z_]+\\w*");

    private DeploymentValidator() {
    }

    static List<Finding> validate(AnalyticsRule rule, DeploymentFormat format) {
        List<Finding> f = new ArrayList<>();
        EffectiveSettings s = rule.settings();
        if (rule.displayName() == null || rule.displayName().isBlank()) {
            f.add(Finding.error("displayName", "the rule needs a title"));
        } else if (rule.displayName().length() > MAX_NAME) {
            f.add(Finding.error("displayName", "the title has " + rule.displayName().length() + " characters; at most "
                    + MAX_NAME + " are allowed: shorten it"));
        }
        if (rule.description().length() > MAX_DESCRIPTION) {
            f.add(Finding.error("description", "the description has " + rule.description().length()
                    + " characters; at most " + MAX_DESCRIPTION + " are allowed: shorten it"));
        }
        if (rule.query().length() > MAX_QUERY) {
            f.add(Finding.error("query", "the query has " + rule.query().length() + " characters; at most " + MAX_QUERY
                    + " are allowed"));
        }
        f.addAll(settings(s, rule.correlationSpan(), rule.entities(), rule.columns()));
        if (rule.tactics().isEmpty() && !rule.techniques().isEmpty()) {
            f.add(Finding.warning("tactics", "the rule names techniques but no tactic Sentinel knows"));
        }
        if (format == DeploymentFormat.DEFENDER_JSON) {
            defender(f, rule);
        }
        return f;
    }

    /**
     * The checks of the settings alone (schedule, threshold, suppression, custom details, entity mappings); with the
     * query's result {@code columns} (empty when unknown) also that custom details and entities name its columns.
     */
    static List<Finding> settings(EffectiveSettings s, Duration correlationSpan, List<EntityMapping> entities,
                                  List<String> columns) {
        List<Finding> f = new ArrayList<>();
        schedule(f, "queryFrequency", s.frequency());
        schedule(f, "queryPeriod", s.period());
        if (s.period().compareTo(s.frequency()) < 0) {
            f.add(Finding.error("queryPeriod", "the period (" + Durations.compact(s.period()) + ") must be at least the "
                    + "frequency (" + Durations.compact(s.frequency()) + "), or events between runs are never read"));
        }
        if (s.period().compareTo(Duration.ofDays(2)) >= 0 && s.frequency().compareTo(Duration.ofHours(1)) < 0) {
            f.add(Finding.error("queryFrequency", "a period of two days or more needs a frequency of at least 1h"));
        }
        if (correlationSpan != null && s.period().compareTo(correlationSpan) < 0) {
            f.add(Finding.error("queryPeriod", "the period (" + Durations.compact(s.period()) + ") must cover the "
                    + "correlation's timespan (" + Durations.compact(correlationSpan) + ")"));
        }
        if (s.threshold() < 0 || s.threshold() > 10_000) {
            f.add(Finding.error("triggerThreshold", "the threshold must be between 0 and 10000"));
        }
        if (s.suppressionEnabled()) {
            schedule(f, "suppressionDuration", s.suppressionDuration());
        }
        entities(f, entities, columns);
        customDetails(f, columns, s.customDetails());
        return f;
    }

    private static void schedule(List<Finding> f, String field, Duration d) {
        if (d.compareTo(MIN_SCHEDULE) < 0 || d.compareTo(MAX_SCHEDULE) > 0) {
            f.add(Finding.error(field, Durations.compact(d) + " is outside 5m to 14d"));
        }
    }

    private static void entities(List<Finding> f, List<EntityMapping> entities, List<String> columns) {
        if (entities.size() > 5) {
            f.add(Finding.error("entityMappings", entities.size() + " entity mappings; at most 5 are allowed: name "
                    + "fewer entities in the rule's deployment settings"));
        }
        for (EntityMapping e : entities) {
            Set<String> known = io.detectionhub.sigma.kql.target.EntityMapping.KNOWN.get(e.type());
            if (known == null) {
                f.add(Finding.error("entityMappings", "'" + e.type() + "' is not an entity type (one of "
                        + String.join(", ", EntityMapping.KNOWN.keySet()) + ")"));
                continue;
            }
            if (e.identifiers().isEmpty() || e.identifiers().size() > 3) {
                f.add(Finding.error("entityMappings", e.type() + " has " + e.identifiers().size()
                        + " field mappings; 1 to 3 are allowed"));
            }
            for (Map.Entry<String, String> id : e.identifiers().entrySet()) {
                if (!known.contains(id.getKey())) {
                    f.add(Finding.error("entityMappings", "'" + id.getKey() + "' is not an identifier of " + e.type()
                            + " (one of " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
                }
                if (!columns.isEmpty() && !columns.contains(id.getValue())) {
                    f.add(Finding.error("entityMappings", e.type() + "." + id.getKey() + " names '" + id.getValue()
                            + "', which is not a column of the query's result"));
                }
            }
        }
    }

    private static void customDetails(List<Finding> f, List<String> columns, Map<String, String> details) {
        if (details.size() > 20) {
            f.add(Finding.error("customDetails", details.size() + " custom details; at most 20 are allowed"));
        }
        for (Map.Entry<String, String> d : details.entrySet()) {
            if (d.getKey().length() > 20 || !DETAIL_KEY.matcher(d.getKey()).matches()) {
                f.add(Finding.error("customDetails", "'" + d.getKey() + "' must start with a letter, hold only letters, "
                        + "digits and _, and have at most 20 characters"));
            }
            if (d.getValue().length() > 500 || !DETAIL_VALUE.matcher(d.getValue()).matches()) {
                f.add(Finding.error("customDetails", d.getKey() + ": '" + d.getValue() + "' is not a column name"));
            } else if (!columns.isEmpty() && !columns.contains(d.getValue())) {
                f.add(Finding.error("customDetails", d.getKey() + ": '" + d.getValue()
                        + "' is not a column of the query's result"));
            }
        }
    }

    private static void defender(List<Finding> f, AnalyticsRule rule) {
        if (rule.correlationSpan() != null) {
            f.add(Finding.error("queryCondition", "a correlation's rows are aggregates; Defender custom detections need "
                    + "each row's Timestamp and ReportId: deploy it as a Sentinel analytics rule"));
            return;
        }
        for (String column : List.of("Timestamp", "ReportId")) {
            if (!rule.columns().isEmpty() && !rule.columns().contains(column)) {
                f.add(Finding.error("queryCondition", "Defender custom detections need the column " + column
                        + " in every row; the table " + String.join(", ", rule.tables()) + " has none (use a Defender "
                        + "XDR target)"));
            }
        }
        if (rule.impactedAssets().isEmpty()) {
            f.add(Finding.error("impactedAssets", "Defender custom detections need an impacted device or user: the "
                    + "query keeps no column such as DeviceId, DeviceName, AccountObjectId, AccountSid or AccountUpn"));
        }
    }
}
