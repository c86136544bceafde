package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.ColumnType;

/** A column in an expression: its quoted name and its type (null when the table's columns are not declared). */
record ColumnRef(String column, String name, ColumnType type) {

    static ColumnRef of(String column, ColumnType type) {
        return new ColumnRef(column, KqlSyntax.name(column), type);
    }

    boolean isNumeric() {
        return type != null && type.isNumeric();
    }

    boolean isBool() {
        return type == ColumnType.BOOL;
    }

    /** The column as a string operand: string (or undeclared) columns as they are, others through tostring(). */
    String asString() {
        return type == null || type == ColumnType.STRING ? name : "tostring(" + name + ")";
    }

    /** The column as a number operand. */
    String asNumber() {
        return isNumeric() ? name : "toreal(" + name + ")";
    }
}
