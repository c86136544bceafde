package io.detectionhub.sigma.kql.target;

import java.util.List;

/** One column a Sigma field maps to, with the value transformations the column needs. */
public record ColumnTarget(String column, List<ValueTransform> transforms) {

    public ColumnTarget {
        transforms = List.copyOf(transforms);
    }

    public static ColumnTarget of(String column) {
        return new ColumnTarget(column, List.of());
    }
}
