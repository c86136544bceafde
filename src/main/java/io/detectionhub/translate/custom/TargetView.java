package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.ColumnTarget;
import io.detectionhub.sigma.kql.target.FieldMapping;
import io.detectionhub.sigma.kql.target.LogSourceRule;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.ValueTransform;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target as the API shows it: what it is ({@code kind}: built-in, generic or user), its logsource rules, tables with
 * columns and field mappings, and for user targets the current version, who changed it last and the definition text.
 */
public record TargetView(String name, String kind, String description, String base, String unmappedFields,
                         Integer version, String changedBy, Instant changedAt, String comment,
                         List<LogSourceView> logsources, List<TableView> tables, List<String> problems) {

    public static final String BUILT_IN = "built-in";
    public static final String GENERIC = "generic";
    public static final String USER = "user";

    public record LogSourceView(String category, String product, String service, String table, String reason,
                                Map<String, List<String>> require) {
    }

    /** {@code fields}: Sigma field to what it becomes, e.g. {@code ["AccountName (split-domain: AccountDomain)"]}. */
    public record TableView(String name, String timestamp, Map<String, String> columns, Map<String, List<String>> fields,
                            List<String> analystColumns) {
    }

    static TargetView of(Target target, String kind, TargetVersion version, List<String> problems) {
        return new TargetView(target.name(), kind, target.description(), target.base(),
                target.unmappedFields().keyword(),
                version == null ? null : version.version(), version == null ? null : version.changedBy(),
                version == null ? null : version.changedAt(), version == null ? null : version.comment(),
                target.logsources().stream().map(TargetView::logsource).toList(),
                target.tables().values().stream().map(TargetView::table).toList(), problems);
    }

    /** A stored target that no longer loads: what is known from its stored row, and why it does not load. */
    static TargetView broken(TargetVersion version, List<String> problems) {
        return new TargetView(version.name(), USER, null, version.baseName(), null, version.version(),
                version.changedBy(), version.changedAt(), version.comment(), List.of(), List.of(), problems);
    }

    private static LogSourceView logsource(LogSourceRule r) {
        return new LogSourceView(r.category(), r.product(), r.service(), r.table(), r.reason(), r.require());
    }

    private static TableView table(TableMapping t) {
        Map<String, String> columns = new LinkedHashMap<>();
        t.columns().forEach((c, type) -> columns.put(c, type.keyword()));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        t.fields().forEach((f, m) -> fields.put(f, describe(m)));
        return new TableView(t.name(), t.timestampColumn(), columns, fields, t.analystColumns());
    }

    static List<String> describe(FieldMapping mapping) {
        if (mapping instanceof FieldMapping.Columns c) {
            return c.targets().stream().map(TargetView::describe).toList();
        }
        if (mapping instanceof FieldMapping.Hashes h) {
            return h.columnsByAlgorithm().entrySet().stream()
                    .map(e -> e.getValue() + " (hash " + e.getKey() + ")").sorted().toList();
        }
        return List.of("(dropped: " + ((FieldMapping.Dropped) mapping).reason() + ")");
    }

    private static String describe(ColumnTarget t) {
        if (t.transforms().isEmpty()) {
            return t.column();
        }
        return t.column() + " (" + String.join(", ", t.transforms().stream().map(TargetView::describe).toList()) + ")";
    }

    private static String describe(ValueTransform t) {
        return t instanceof ValueTransform.SplitDomain s ? "split-domain: " + s.domainColumn() : t.keyword();
    }
}
