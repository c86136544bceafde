package io.detectionhub.sigma.kql.target;

import java.util.Locale;
import java.util.Optional;

/** The KQL scalar types a table column can have. */
public enum ColumnType {
    STRING, INT, LONG, REAL, DECIMAL, BOOL, DATETIME, TIMESPAN, GUID, DYNAMIC;

    public static Optional<ColumnType> fromKeyword(String keyword) {
        if (keyword == null) {
            return Optional.empty();
        }
        String k = keyword.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "string" -> Optional.of(STRING);
            case "int" -> Optional.of(INT);
            case "long" -> Optional.of(LONG);
            case "real", "double" -> Optional.of(REAL);
            case "decimal" -> Optional.of(DECIMAL);
            case "bool", "boolean" -> Optional.of(BOOL);
            case "datetime", "date" -> Optional.of(DATETIME);
            case "timespan", "time" -> Optional.of(TIMESPAN);
            case "guid", "uniqueid" -> Optional.of(GUID);
            case "dynamic" -> Optional.of(DYNAMIC);
            default -> Optional.empty();
        };
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumeric() {
        return this == INT || this == LONG || this == REAL || this == DECIMAL;
    }
}
