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

    /**
     * A value inside a dynamic column: {@code column.member}, or {@code column["member"]} for other names; a dotted
     * member ({@code userIdentity.type}) is a path of nested names.
     */
    static ColumnRef member(String operand, String column, String member) {
        StringBuilder access = new StringBuilder(operand);
        String[] path = member.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+") ? member.split("\\.")
                : new String[] {member};
        for (String name : path) {
            access.append(KqlSyntax.isPlainName(name) ? "." + name : "[" + KqlSyntax.string(name) + "]");
        }
        return new ColumnRef(column + "." + member, access.toString(), ColumnType.DYNAMIC);
    }

    /** An expression over columns (a joined domain and user, a part of a URL, an extended column), of type string. */
    static ColumnRef computed(String description, String expression) {
        return new ColumnRef(description, expression, ColumnType.STRING);
    }

    /**
     * The column as a string operand: string (or undeclared) columns as they are, others through tostring();
     * string operators ({@code contains}, {@code startswith}...) take an undeclared column of any type.
     */
    String asString() {
        return type == null || type == ColumnType.STRING ? name : "tostring(" + name + ")";
    }

    /**
     * The column as an operand of string equality or a regular expression: also undeclared columns through
     * tostring(), since {@code =~} and {@code matches regex} refuse a numeric or boolean column (KS106).
     */
    String asExactString() {
        return type == ColumnType.STRING ? name : "tostring(" + name + ")";
    }

    /** The column as a number operand. */
    String asNumber() {
        return isNumeric() ? name : "toreal(" + name + ")";
    }
}
