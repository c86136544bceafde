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
public record TableMapping(String name, String timestampColumn, Map<String, ColumnType> columns,
                           Map<String, FieldMapping> fields, List<String> analystColumns) {

    public TableMapping {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        analystColumns = List.copyOf(analystColumns);
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
        if (columns.containsKey(sigmaField)) {
            return Optional.of(new ResolvedField(sigmaField,
                    new FieldMapping.Columns(List.of(ColumnTarget.of(sigmaField))), "column of the table"));
        }
        String lower = sigmaField.toLowerCase(Locale.ROOT);
        for (String column : columns.keySet()) {
            if (column.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(new ResolvedField(sigmaField,
                        new FieldMapping.Columns(List.of(ColumnTarget.of(column))),
                        "column of the table (case differs)"));
            }
        }
        return Optional.empty();
    }

    /**
     * The columns a Sigma field reads on this table (for evaluating events given in this target's schema): empty
     * when the field is not mapped or is dropped.
     */
    public List<String> columnsFor(String sigmaField) {
        return resolve(sigmaField).map(r -> r.mapping().columns()).orElse(List.of());
    }

    /** A field mapping found for a Sigma field, and where it came from (for the explanation). */
    public record ResolvedField(String sigmaField, FieldMapping mapping, String source) {
    }
}
