package io.detectionhub.translate.web;

import io.detectionhub.sigma.kql.target.ColumnType;
import io.detectionhub.sigma.kql.target.LogSourceRule;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A target as the API describes it: the logsources it supports and, per table, the Sigma fields it maps. */
public record TargetResponse(String name, String description, String base, String unmappedFields,
                             List<LogSourceResponse> logsources, List<TableResponse> tables) {

    public record LogSourceResponse(String category, String product, String service, String table, String reason,
                                    Map<String, List<String>> require) {
    }

    /** {@code fields}: Sigma field to the columns it reads (dropped fields map to no column). */
    public record TableResponse(String name, String timestampColumn, Map<String, List<String>> fields,
                                List<String> analystColumns, Map<String, String> columns) {
    }

    static TargetResponse of(Target target, boolean withColumns) {
        List<LogSourceResponse> logsources = target.logsources().stream().map(TargetResponse::logsource).toList();
        List<TableResponse> tables = target.tables().values().stream().map(t -> table(t, withColumns)).toList();
        return new TargetResponse(target.name(), target.description(), target.base(),
                target.unmappedFields().keyword(), logsources, tables);
    }

    private static LogSourceResponse logsource(LogSourceRule r) {
        return new LogSourceResponse(r.category(), r.product(), r.service(), r.table(), r.reason(), r.require());
    }

    private static TableResponse table(TableMapping t, boolean withColumns) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        t.fields().forEach((field, mapping) -> fields.put(field, mapping.columns()));
        Map<String, String> columns = new LinkedHashMap<>();
        if (withColumns) {
            for (Map.Entry<String, ColumnType> c : t.columns().entrySet()) {
                columns.put(c.getKey(), c.getValue().keyword());
            }
        }
        return new TableResponse(t.name(), t.timestampColumn(), fields, t.analystColumns(), columns);
    }
}
