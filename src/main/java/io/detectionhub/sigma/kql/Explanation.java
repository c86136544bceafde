package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.EntityMapping;

import java.util.List;

/**
 * How a query was made: the target and table chosen and why, every field mapping applied, fields passed through or
 * dropped, warnings (approximations the analyst should know about), and the entities the target declares for the
 * query's rows (which columns a deployed rule maps to Host, Account, Process...; empty when it declares none).
 */
public record Explanation(String target, String table, String tableReason, List<FieldUse> fields,
                          List<String> warnings, List<EntityMapping> entities) {

    public Explanation {
        fields = List.copyOf(fields);
        warnings = List.copyOf(warnings);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    public Explanation(String target, String table, String tableReason, List<FieldUse> fields, List<String> warnings) {
        this(target, table, tableReason, fields, warnings, List.of());
    }

    /** What happened to one Sigma field. */
    public record FieldUse(String sigmaField, Kind kind, List<String> columns, String detail) {
        public FieldUse {
            columns = List.copyOf(columns);
        }
    }

    public enum Kind {
        /** mapped by the target definition */
        MAPPED,
        /** a column of the table with the same name */
        COLUMN,
        /** no mapping, used unchanged as a column name (passthrough policy or custom target) */
        PASSED_THROUGH,
        /** conditions on the field removed (drop mapping or drop policy) */
        DROPPED
    }

    /** Plain-text form, one fact per line (for {@code explain=true} as text). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Target: ").append(target).append('\n');
        sb.append("Table: ").append(table).append(" (").append(tableReason).append(")\n");
        for (FieldUse f : fields) {
            sb.append("Field ").append(f.sigmaField()).append(": ");
            switch (f.kind()) {
                case MAPPED -> sb.append("mapped to ").append(String.join(", ", f.columns()));
                case COLUMN -> sb.append("column ").append(String.join(", ", f.columns()));
                case PASSED_THROUGH -> sb.append("passed through unchanged");
                case DROPPED -> sb.append("dropped");
            }
            if (f.detail() != null && !f.detail().isEmpty()) {
                sb.append(" (").append(f.detail()).append(')');
            }
            sb.append('\n');
        }
        if (entities.isEmpty()) {
            sb.append("Entities: none declared for ").append(table).append('\n');
        }
        for (EntityMapping e : entities) {
            sb.append("Entity ").append(e.describe()).append('\n');
        }
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
