package io.detectionhub.sigma.kql.target;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table of a target: its columns and their types (empty when unknown, as for the generic custom target), the
 * Sigma field mappings for it (the target's generic mappings already merged in), the timestamp column used by
 * correlations and the columns an analyst wants to see ({@code | project}).
 */
public final class TableMapping {

    /**
     * Columns Log Analytics adds to every table (Type is the table's name): never the column of a Sigma field that
     * happens to have the same name (auditd's {@code type}, Sysmon's {@code Type}).
     */
    private static final java.util.Set<String> BOOKKEEPING_COLUMNS = java.util.Set.of("Type", "TenantId",
            "SourceSystem", "MG", "ManagementGroupName", "_ResourceId", "_SubscriptionId", "_BilledSize", "_IsBillable");

    private final String name;
    private final String timestampColumn;
    private final Map<String, ColumnType> columns;
    private final Map<String, FieldMapping> fields;
    private final List<String> analystColumns;
    private final Map<String, String> columnsByLowerCase = new java.util.HashMap<>();
    private final EventData eventData;
    private final List<EntityMapping> entities;
    private final List<String> detectionColumns;

    public TableMapping(String name, String timestampColumn, Map<String, ColumnType> columns,
                        Map<String, FieldMapping> fields, List<String> analystColumns) {
        this(name, timestampColumn, columns, fields, analystColumns, null);
    }

    public TableMapping(String name, String timestampColumn, Map<String, ColumnType> columns,
                        Map<String, FieldMapping> fields, List<String> analystColumns, EventData eventData) {
        this(name, timestampColumn, columns, fields, analystColumns, eventData, List.of(), List.of());
    }

    /**
     * @param eventData the column holding the event's own fields by name (WindowsEvent's EventData): a Sigma field
     *                  without mapping or column is read from it; null when the table has none
     */
    public TableMapping(String name, String timestampColumn, Map<String, ColumnType> columns,
                        Map<String, FieldMapping> fields, List<String> analystColumns, EventData eventData,
                        List<EntityMapping> entities, List<String> detectionColumns) {
        this.name = name;
        this.entities = List.copyOf(entities);
        this.detectionColumns = List.copyOf(detectionColumns);
        this.eventData = eventData;
        this.timestampColumn = timestampColumn;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.analystColumns = List.copyOf(analystColumns);
        for (String column : this.columns.keySet()) {
            if (!BOOKKEEPING_COLUMNS.contains(column)) {
                columnsByLowerCase.putIfAbsent(column.toLowerCase(Locale.ROOT), column);
            }
        }
    }

    public String name() {
        return name;
    }

    /** The column correlations bin on; null when the table declares none. */
    public String timestampColumn() {
        return timestampColumn;
    }

    public Map<String, ColumnType> columns() {
        return columns;
    }

    public Map<String, FieldMapping> fields() {
        return fields;
    }

    public List<String> analystColumns() {
        return analystColumns;
    }

    /**
     * The entities an alert of a rule on this table names (entity type, identifier to column): empty when the target
     * declares none for the table.
     */
    public List<EntityMapping> entities() {
        return entities;
    }

    /**
     * Columns every row of a deployed query must keep (Defender XDR custom detections need Timestamp, ReportId and
     * the device or entity id): kept first in the analyst projection.
     */
    public List<String> detectionColumns() {
        return detectionColumns;
    }

    /** The column holding the event's own fields by name, or null. */
    public EventData eventData() {
        return eventData;
    }

    /**
     * This table as one logsource rule reads it: the rule's own field mappings win over the table's, and its event
     * data (when it names one) replaces the table's.
     */
    public TableMapping refinedBy(LogSourceRule rule) {
        if (!rule.refinesFields()) {
            return this;
        }
        Map<String, FieldMapping> merged = new LinkedHashMap<>(fields);
        merged.putAll(rule.fields());
        return new TableMapping(name, timestampColumn, columns, merged, analystColumns,
                rule.eventData() != null ? rule.eventData() : eventData, entities, detectionColumns);
    }

    /** True when the column names and types of the table are declared (and so are checked). */
    public boolean columnsKnown() {
        return !columns.isEmpty();
    }

    /** The type of a column, empty when the columns are not declared or the column is unknown. */
    public Optional<ColumnType> columnType(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /**
     * How a Sigma field is expressed on this table: an explicit mapping, else a column of the same name
     * (compared case-insensitively, as the reference converter accepts schema column names), else empty.
     */
    public Optional<ResolvedField> resolve(String sigmaField) {
        FieldMapping mapping = fields.get(sigmaField);
        if (mapping != null) {
            return Optional.of(new ResolvedField(sigmaField, mapping, "mapping"));
        }
        if (columns.containsKey(sigmaField) && !BOOKKEEPING_COLUMNS.contains(sigmaField)) {
            return Optional.of(new ResolvedField(sigmaField,
                    new FieldMapping.Columns(List.of(ColumnTarget.of(sigmaField))), "column of the table"));
        }
        String column = columnsByLowerCase.get(sigmaField.toLowerCase(Locale.ROOT));
        if (column != null) {
            return Optional.of(new ResolvedField(sigmaField, new FieldMapping.Columns(List.of(ColumnTarget.of(column))),
                    "column of the table (case differs)"));
        }
        if (eventData != null && eventData.holds(sigmaField)) {
            return Optional.of(new ResolvedField(sigmaField, new FieldMapping.Columns(List.of(
                    ColumnTarget.member(eventData.column(), sigmaField))), "member of " + eventData.column()));
        }
        return Optional.empty();
    }

    /**
     * The columns a Sigma field reads on this table (for evaluating events given in this target's schema): empty
     * when the field is not mapped or is dropped.
     */
    public List<String> columnsFor(String sigmaField) {
        return resolve(sigmaField).map(r -> r.mapping().paths()).orElse(List.of());
    }

    /** A field mapping found for a Sigma field, and where it came from (for the explanation). */
    public record ResolvedField(String sigmaField, FieldMapping mapping, String source) {
    }
}
