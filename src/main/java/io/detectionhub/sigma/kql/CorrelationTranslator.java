package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.FieldMapping;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.UnmappedFieldPolicy;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaCorrelation.CorrelationType;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Translates a correlation rule: each referenced rule's rows (with a common time column, the rule name and the
 * group-by fields), a union when there are several, then {@code summarize} over {@code bin()} of the time.
 */
final class CorrelationTranslator {

    private static final String TIME = "SigmaTime";
    private static final String RULE = "SigmaRule";

    private final KqlTranslator translator;

    CorrelationTranslator(KqlTranslator translator) {
        this.translator = translator;
    }

    Translation translate(SigmaCorrelation correlation, SigmaCollection collection, Target target,
                          TranslationOptions options) {
        CorrelationType type = correlation.type();
        if (correlation.timespan() == null || correlation.timespan().isZero() || correlation.timespan().isNegative()) {
            throw new UntranslatableRuleException("the correlation needs a positive timespan");
        }
        if (type == CorrelationType.TEMPORAL_ORDERED && correlation.rules().size() != 2) {
            throw new UntranslatableRuleException("temporal_ordered over " + correlation.rules().size()
                    + " rules has no exact KQL form here (only two rules: first of one before last of the other)");
        }
        List<String> subqueries = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        List<Explanation.FieldUse> fields = new ArrayList<>();
        List<io.detectionhub.sigma.kql.target.EntityMapping> entities = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        String valueField = correlation.condition().field();
        for (String reference : correlation.rules()) {
            SigmaDocument document = collection.byReference(reference).orElseThrow(() -> new UntranslatableRuleException(
                    "the correlation refers to '" + reference + "', which is not in the same Sigma text"));
            if (!(document instanceof SigmaRule rule)) {
                throw new UntranslatableRuleException("the correlation refers to '" + reference
                        + "', which is not a detection rule (nested correlations are not supported)");
            }
            KqlTranslator.RuleQuery q = translator.ruleQuery(rule, KqlTranslator.filtersFor(rule, collection), target);
            TableMapping table = q.choice().table();
            if (table.timestampColumn() == null) {
                throw new UntranslatableRuleException("the table " + table.name() + " of target " + target.name()
                        + " declares no timestamp column, which a correlation needs");
            }
            tables.add(table.name());
            fields.addAll(q.explanation().fields());
            warnings.addAll(q.explanation().warnings());
            StringBuilder sb = new StringBuilder(q.body());
            sb.append("\n| extend ").append(TIME).append(" = ").append(KqlSyntax.name(table.timestampColumn()))
                    .append(", ").append(RULE).append(" = ").append(KqlSyntax.string(reference));
            List<String> projected = new ArrayList<>(List.of(TIME, RULE));
            Map<String, String> groupNameByColumn = new java.util.HashMap<>();
            List<String> groupFields = new ArrayList<>(correlation.groupBy());
            if (valueField != null && !groupFields.contains(valueField)) {
                groupFields.add(valueField);
            }
            for (String groupField : groupFields) {
                String field = aliased(correlation.aliases(), groupField, reference, rule);
                String column = singleColumn(table, target, field);
                String name = KqlSyntax.name(groupField);
                sb.append(", ").append(name).append(" = ").append(KqlSyntax.name(column));
                projected.add(name);
                if (correlation.groupBy().contains(groupField)) {
                    groupNameByColumn.putIfAbsent(column, groupField);
                }
            }
            groupEntities(table, groupNameByColumn, entities);
            sb.append("\n| project ").append(String.join(", ", projected));
            subqueries.add(sb.toString());
        }
        String by = "bin(" + TIME + ", " + timespan(correlation.timespan()) + ")"
                + correlation.groupBy().stream().map(g -> ", " + KqlSyntax.name(g)).collect(Collectors.joining());
        StringBuilder query = new StringBuilder();
        if (options.header()) {
            query.append(KqlTranslator.header(correlation.metadata(), target, String.join(", ", tables)));
        }
        if (subqueries.size() == 1) {
            query.append(subqueries.get(0));
        } else {
            query.append("union\n").append(subqueries.stream().map(s -> "(" + s.replace("\n", "\n    ") + ")")
                    .collect(Collectors.joining(",\n")));
        }
        String count;
        switch (type) {
            case EVENT_COUNT -> {
                count = "EventCount";
                query.append("\n| summarize ").append(count).append(" = count() by ").append(by);
            }
            case VALUE_COUNT -> {
                if (valueField == null) {
                    throw new UntranslatableRuleException("a value_count correlation needs condition.field");
                }
                count = "ValueCount";
                query.append("\n| summarize ").append(count).append(" = dcount(").append(KqlSyntax.name(valueField))
                        .append(") by ").append(by);
            }
            case TEMPORAL -> {
                count = "RuleCount";
                query.append("\n| summarize ").append(count).append(" = dcount(").append(RULE).append(") by ").append(by);
            }
            default -> {
                count = "RuleCount";
                String first = KqlSyntax.string(correlation.rules().get(0));
                String second = KqlSyntax.string(correlation.rules().get(1));
                query.append("\n| summarize ").append(count).append(" = dcount(").append(RULE).append("), FirstTime = minif(")
                        .append(TIME).append(", ").append(RULE).append(" == ").append(first).append("), LastTime = maxif(")
                        .append(TIME).append(", ").append(RULE).append(" == ").append(second).append(") by ").append(by);
                query.append("\n| where FirstTime < LastTime");
            }
        }
        String condition = correlation.condition().bounds().stream()
                .map(b -> count + " " + b.comparison().symbol() + " " + b.value())
                .collect(Collectors.joining(" and "));
        query.append("\n| where ").append(condition);
        warnings.add("time windows are fixed bins of " + timespan(correlation.timespan())
                + "; Sigma's window slides, so event groups spanning a bin boundary are not counted together");
        Explanation explanation = new Explanation(target.name(), String.join(", ", tables),
                "correlation (" + type.keyword() + ") of " + String.join(", ", correlation.rules()),
                fields.stream().distinct().toList(), new ArrayList<>(warnings), entities);
        return new Translation(correlation.metadata().id(), correlation.metadata().title(), query.toString(), explanation);
    }

    /**
     * The entities of a correlation's rows: those identifiers of a referenced rule's table entities whose column is a
     * group-by field (the only columns left after summarize), named as the group-by field; first rule first.
     */
    private static void groupEntities(TableMapping table, Map<String, String> groupNameByColumn,
                                      List<io.detectionhub.sigma.kql.target.EntityMapping> entities) {
        for (var entity : table.entities()) {
            if (entities.stream().anyMatch(e -> e.type().equals(entity.type()))) {
                continue;
            }
            Map<String, String> ids = new java.util.LinkedHashMap<>();
            entity.identifiers().forEach((id, column) -> {
                if (groupNameByColumn.containsKey(column)) {
                    ids.put(id, groupNameByColumn.get(column));
                }
            });
            if (!ids.isEmpty()) {
                entities.add(new io.detectionhub.sigma.kql.target.EntityMapping(entity.type(), ids));
            }
        }
    }

    private static String aliased(Map<String, Map<String, String>> aliases, String field, String reference, SigmaRule rule) {
        Map<String, String> alias = aliases.get(field);
        if (alias == null) {
            return field;
        }
        String mapped = alias.get(reference);
        if (mapped == null && rule.metadata().id() != null) {
            mapped = alias.get(rule.metadata().id());
        }
        if (mapped == null && rule.metadata().name() != null) {
            mapped = alias.get(rule.metadata().name());
        }
        if (mapped == null) {
            throw new UntranslatableRuleException("the alias '" + field + "' does not name a field for rule '" + reference + "'");
        }
        return mapped;
    }

    private static String singleColumn(TableMapping table, Target target, String field) {
        var resolved = table.resolve(field);
        if (resolved.isEmpty()) {
            if (target.unmappedFields() == UnmappedFieldPolicy.PASSTHROUGH) {
                return field;
            }
            throw new UntranslatableRuleException("the group-by field '" + field + "' has no mapping for table "
                    + table.name() + " of target " + target.name());
        }
        FieldMapping m = resolved.get().mapping();
        if (!(m instanceof FieldMapping.Columns c) || c.targets().size() != 1) {
            throw new UntranslatableRuleException("the group-by field '" + field + "' must map to exactly one column of "
                    + table.name());
        }
        return c.targets().get(0).column();
    }

    static String timespan(Duration d) {
        long seconds = d.getSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds > 0 ? seconds + "s" : d.toMillis() + "ms";
    }
}
