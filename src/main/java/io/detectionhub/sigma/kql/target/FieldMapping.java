package io.detectionhub.sigma.kql.target;

import java.util.List;
import java.util.Map;

/** How one Sigma field is expressed on a table. */
public sealed interface FieldMapping permits FieldMapping.Columns, FieldMapping.Hashes, FieldMapping.Dropped,
        FieldMapping.Refused {

    /** Every column this mapping may read (for discovery and declarations). */
    List<String> columns();

    /** Where exported rows hold the values: the columns, with {@code column.member} for values in dynamic columns. */
    default List<String> paths() {
        return columns();
    }

    /** The field is one or more columns; a condition holds when it holds on any of them. */
    record Columns(List<ColumnTarget> targets) implements FieldMapping {
        public Columns {
            targets = List.copyOf(targets);
        }

        @Override
        public List<String> columns() {
            return targets.stream().map(ColumnTarget::column).toList();
        }

        @Override
        public List<String> paths() {
            return targets.stream().map(ColumnTarget::path).toList();
        }
    }

    /**
     * A Sysmon-style {@code Hashes} field ({@code SHA256=...,MD5=...}) split by algorithm into one column each;
     * algorithms are upper-case ({@code MD5}, {@code SHA1}, {@code SHA256}, {@code IMPHASH}).
     */
    record Hashes(Map<String, String> columnsByAlgorithm) implements FieldMapping {
        public Hashes {
            columnsByAlgorithm = Map.copyOf(columnsByAlgorithm);
        }

        @Override
        public List<String> columns() {
            return columnsByAlgorithm.values().stream().sorted().toList();
        }
    }

    /** Conditions on the field are removed, with this reason given as a warning (e.g. EventID on an ASIM parser). */
    record Dropped(String reason) implements FieldMapping {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /**
     * A rule that tests the field is refused with this reason: the table has a column for it, but the data it holds
     * does not carry the field's meaning for the sources it reads (e.g. a column a parser never fills).
     */
    record Refused(String reason) implements FieldMapping {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }
}
