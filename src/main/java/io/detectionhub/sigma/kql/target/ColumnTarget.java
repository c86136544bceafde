package io.detectionhub.sigma.kql.target;

import java.util.List;

/**
 * One column a Sigma field maps to, with the value transformations the column needs. {@code member} names a value
 * inside a dynamic column (e.g. {@code Image} in {@code WindowsEvent.EventData}, {@code userIdentity.type} in a raw
 * record); null for a plain column. {@code warning}, when set, is added to the explanation of every query that uses
 * the column (what a source does not fill, for instance).
 */
public record ColumnTarget(String column, String member, List<ValueTransform> transforms, String warning) {

    public ColumnTarget {
        transforms = List.copyOf(transforms);
    }

    public ColumnTarget(String column, String member, List<ValueTransform> transforms) {
        this(column, member, transforms, null);
    }

    public ColumnTarget(String column, List<ValueTransform> transforms) {
        this(column, null, transforms);
    }

    public static ColumnTarget of(String column) {
        return new ColumnTarget(column, null, List.of());
    }

    /** A value inside the dynamic column {@code column}. */
    public static ColumnTarget member(String column, String member) {
        return new ColumnTarget(column, member, List.of());
    }

    /** The column, or {@code column.member} for a value inside a dynamic column (as exported rows nest it). */
    public String path() {
        return member == null ? column : column + "." + member;
    }
}
