package io.detectionhub.sigma.kql.target;

import io.detectionhub.sigma.model.LogSource;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KQL target as data: logsource-to-table rules, tables with columns and field mappings, and the policy for fields
 * without a mapping. Built-in targets and users' own targets share this shape (see {@link TargetDefinitionLoader}).
 */
public record Target(String name, String description, String base, UnmappedFieldPolicy unmappedFields,
                     List<LogSourceRule> logsources, Map<String, TableMapping> tables) {

    public static final String CUSTOM = "custom";

    public Target {
        logsources = List.copyOf(logsources);
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The generic target: every logsource to {@code table}, fields passed through unchanged, column types unknown. */
    public static Target custom(String table) {
        TableMapping mapping = new TableMapping(table, "TimeGenerated", Map.of(), Map.of(), List.of());
        return new Target(CUSTOM, "Every logsource to the table " + table + ", Sigma field names used as columns",
                null, UnmappedFieldPolicy.PASSTHROUGH,
                List.of(new LogSourceRule(null, null, null, table, "the custom target sends every logsource to one table")),
                Map.of(table, mapping));
    }

    /** The table for a logsource: the matching rule with the most attributes, the first one on a tie. */
    public Optional<TableChoice> tableFor(LogSource logSource) {
        List<TableChoice> choices = tablesFor(logSource);
        return choices.isEmpty() ? Optional.empty() : Optional.of(choices.get(0));
    }

    /**
     * Every table a logsource may be read from, best first (the matching rules by number of attributes, then in the
     * order written): a rule that the first table cannot express is translated for the next one.
     */
    public List<TableChoice> tablesFor(LogSource logSource) {
        return logsources.stream()
                .filter(r -> r.matches(logSource))
                .sorted(Comparator.comparingInt(LogSourceRule::specificity).reversed()
                        .thenComparing(Comparator.comparingInt(logsources::indexOf)))
                .map(r -> new TableChoice(tables.get(r.table()).refinedBy(r), r))
                .toList();
    }

    public Optional<TableMapping> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
