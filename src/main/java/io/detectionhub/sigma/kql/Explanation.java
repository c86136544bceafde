package io.detectionhub.sigma.kql;

import java.util.List;

/**
 * How a query was made: the target and table chosen and why, every field mapping applied, fields passed through or
 * dropped, and warnings (approximations the analyst should know about).
 */
public record Explanation(String target, String table, String tableReason, List<FieldUse> fields,
                          List<String> warnings) {

    public Explanation {
        fields = List.copyOf(fields);
        warnings = List.copyOf(warnings);
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
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
