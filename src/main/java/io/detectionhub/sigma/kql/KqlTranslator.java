package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.ColumnType;
import io.detectionhub.sigma.kql.target.LogSourceRule;
import io.detectionhub.sigma.kql.target.TableChoice;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaFilter;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaTag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Translates Sigma rules into KQL for a {@link Target}: the table chosen by logsource, then one {@code | where} with
 * the whole detection, and one more per filter applied to the rule (a tuning exception), each ending with a comment
 * naming the filter ({@code // exception <id>: <title>}). Thread-safe and stateless. A rule that cannot be
 * expressed exactly raises {@link UntranslatableRuleException} naming why.
 */
public final class KqlTranslator {

    /** Translates one detection rule (no filters). */
    public Translation translate(SigmaRule rule, Target target, TranslationOptions options) {
        return translate(rule, List.of(), target, options);
    }

    /**
     * Translates every rule and correlation of a collection. Filters of the collection are applied to the rules they
     * name; rules referenced by a correlation with {@code generate: false} are not translated on their own.
     */
    public List<Translation> translate(SigmaCollection collection, Target target, TranslationOptions options) {
        Set<SigmaDocument> hidden = new HashSet<>();
        List<Translation> result = new ArrayList<>();
        for (SigmaCorrelation correlation : collection.correlations()) {
            if (!correlation.generate()) {
                correlation.rules().forEach(r -> collection.byReference(r).ifPresent(hidden::add));
            }
        }
        for (SigmaDocument document : collection.documents()) {
            if (document instanceof SigmaRule rule && !hidden.contains(rule)) {
                result.add(translate(rule, filtersFor(rule, collection), target, options));
            } else if (document instanceof SigmaCorrelation correlation) {
                result.add(new CorrelationTranslator(this).translate(correlation, collection, target, options));
            }
        }
        return result;
    }

    static List<SigmaFilter> filtersFor(SigmaRule rule, SigmaCollection collection) {
        return collection.filters().stream()
                .filter(f -> f.rules().stream().anyMatch(r -> r.equals(rule.metadata().id())
                        || r.equals(rule.metadata().name())))
                .filter(f -> f.logsource().covers(rule.logsource()))
                .toList();
    }

    /** Translates one rule with the filters that apply to it. */
    public Translation translate(SigmaRule rule, List<SigmaFilter> filters, Target target, TranslationOptions options) {
        RuleQuery q = ruleQuery(rule, filters, target);
        StringBuilder sb = new StringBuilder();
        if (options.header()) {
            sb.append(header(rule.metadata(), target, q.choice().table().name()));
        }
        sb.append(q.body());
        if (options.analyst()) {
            sb.append(analystProjection(q.choice().table()));
        }
        return new Translation(rule.metadata().id(), rule.metadata().title(), sb.toString(), q.explanation());
    }

    /**
     * The table and filtered rows of one rule, without header or projection (also used inside correlations): on the
     * target's best table for the logsource, or, where that table cannot express the rule, on the next one (the
     * explanation says why); refused with the best table's reason when none can.
     */
    RuleQuery ruleQuery(SigmaRule rule, List<SigmaFilter> filters, Target target) {
        List<TableChoice> choices = target.tablesFor(rule.logsource());
        if (choices.isEmpty()) {
            throw new UntranslatableRuleException("the target " + target.name() + " has no table for the logsource "
                    + rule.logsource());
        }
        UntranslatableRuleException first = null;
        List<String> passed = new ArrayList<>();
        for (TableChoice choice : choices) {
            try {
                return ruleQuery(rule, filters, target, choice, passed);
            } catch (UntranslatableRuleException e) {
                if (first == null) {
                    first = e;
                }
                passed.add(choice.table().name() + " cannot express the rule (" + e.reason() + ")");
            }
        }
        throw first;
    }

    private RuleQuery ruleQuery(SigmaRule rule, List<SigmaFilter> filters, Target target, TableChoice choice,
                                List<String> passed) {
        TableMapping table = choice.table();
        ExplanationCollector explanation = new ExplanationCollector();
        passed.forEach(p -> explanation.warn(p + "; read from " + table.name() + " instead"));
        ItemTranslator items = new ItemTranslator(target, table, explanation);
        List<KqlExpr> parts = new ArrayList<>();
        KqlExpr own = condition(rule.detection(), items);
        parts.add(own);
        List<KqlExpr> filterParts = new ArrayList<>();
        for (SigmaFilter filter : filters) {
            KqlExpr f = condition(filter.detection(), items);
            parts.add(f);
            filterParts.add(f);
            explanation.warn("filter '" + filter.metadata().title() + "' applied");
            if (f instanceof KqlExpr.Const c && c.value()) {
                explanation.warn("filter '" + filter.metadata().title() + "' excludes nothing on " + table.name()
                        + " once the conditions the target cannot express are dropped");
            }
        }
        KqlExpr where = KqlExpr.and(parts);
        if (where instanceof KqlExpr.Const c) {
            throw new UntranslatableRuleException(c.value()
                    ? "after dropping the conditions the target cannot express, the rule would match every event"
                    : "after dropping the conditions the target cannot express, the rule can never match");
        }
        StringBuilder body = new StringBuilder(KqlSyntax.name(table.name()));
        String require = require(choice.rule(), table);
        if (!require.isEmpty()) {
            body.append("\n| where ").append(require);
        }
        if (!items.extensions().isEmpty()) {
            body.append("\n| extend ").append(items.extensions().entrySet().stream()
                    .map(e -> KqlSyntax.name(e.getKey()) + " = " + e.getValue()).collect(Collectors.joining(", ")));
            explanation.warn("computed for the comparison: " + String.join(", ", items.extensions().keySet()));
        }
        // the rule's condition, then each filter (tuning exception) on its own line naming it: the lines AND-ed by the
        // pipeline mean what the AND of all of them does; a constant part (all its conditions dropped) is left out,
        // and a false one made the whole false above
        if (!(own instanceof KqlExpr.Const)) {
            body.append("\n| where ").append(KqlExpr.render(own));
        }
        for (int i = 0; i < filters.size(); i++) {
            if (!(filterParts.get(i) instanceof KqlExpr.Const)) {
                body.append("\n| where ").append(KqlExpr.render(filterParts.get(i))).append("  ")
                        .append(exceptionComment(filters.get(i).metadata()));
            }
        }
        return new RuleQuery(choice, body.toString(), explanation.build(target.name(), table.name(), choice.reason(),
                table.entities()));
    }

    record RuleQuery(TableChoice choice, String body, Explanation explanation) {
    }

    /** Characters of a filter's title kept in its comment at most. */
    static final int MAX_COMMENT_TITLE = 200;

    /** {@code // exception <id>: <title>} on one line (control characters and line breaks made spaces). */
    static String exceptionComment(RuleMetadata m) {
        String id = m.id() != null ? m.id() : m.name();
        String title = KqlSyntax.comment(m.title());
        if (title.length() > MAX_COMMENT_TITLE) {
            int end = Character.isHighSurrogate(title.charAt(MAX_COMMENT_TITLE - 1)) ? MAX_COMMENT_TITLE - 1
                    : MAX_COMMENT_TITLE;
            title = title.substring(0, end) + "…";
        }
        return "// exception" + (id == null ? "" : " " + KqlSyntax.comment(id)) + ": " + title;
    }

    private static String require(LogSourceRule rule, TableMapping table) {
        List<KqlExpr> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : rule.require().entrySet()) {
            ColumnType type = table.columnType(e.getKey()).orElse(null);
            ColumnRef col = ColumnRef.of(e.getKey(), type);
            boolean numeric = col.isNumeric() && e.getValue().stream().allMatch(v -> v.matches("-?\\d+(\\.\\d+)?"));
            List<String> literals = e.getValue().stream().map(v -> numeric ? v : KqlSyntax.string(v)).toList();
            String operand = numeric ? col.name() : col.asString();
            if (literals.size() == 1) {
                parts.add(KqlExpr.atom(operand + (numeric ? " == " : " =~ ") + literals.get(0)));
            } else {
                parts.add(KqlExpr.atom(operand + (numeric ? " in (" : " in~ (") + String.join(", ", literals) + ")"));
            }
        }
        return parts.isEmpty() ? "" : KqlExpr.render(KqlExpr.and(parts));
    }

    static KqlExpr condition(Detection detection, ItemTranslator items) {
        return condition(detection.condition(), detection, items, false);
    }

    /** {@code negated}: the condition stands under an odd number of {@code not}s. */
    private static KqlExpr condition(Condition c, Detection detection, ItemTranslator items, boolean negated) {
        if (c instanceof Condition.And a) {
            return KqlExpr.and(a.operands().stream().map(o -> condition(o, detection, items, negated)).toList());
        }
        if (c instanceof Condition.Or o) {
            return KqlExpr.or(o.operands().stream().map(x -> condition(x, detection, items, negated)).toList());
        }
        if (c instanceof Condition.Not n) {
            return KqlExpr.not(condition(n.operand(), detection, items, !negated));
        }
        if (c instanceof Condition.Identifier id) {
            return identifier(id.name(), detection, items, negated);
        }
        Condition.OfPattern of = (Condition.OfPattern) c;
        List<KqlExpr> each = of.identifiers().stream().map(i -> identifier(i, detection, items, negated)).toList();
        return of.quantifier() == Condition.Quantifier.ALL ? KqlExpr.and(each) : KqlExpr.or(each);
    }

    private static KqlExpr identifier(String name, Detection detection, ItemTranslator items, boolean negated) {
        SearchIdentifier identifier = detection.identifier(name);
        if (identifier == null) {
            throw new UntranslatableRuleException("the condition names '" + name + "', which the detection does not define");
        }
        List<KqlExpr> maps = new ArrayList<>();
        for (DetectionMap map : identifier.maps()) {
            List<KqlExpr> itemExprs = new ArrayList<>();
            for (DetectionItem item : map.items()) {
                itemExprs.add(items.translate(item, negated));
            }
            maps.add(KqlExpr.and(itemExprs));
        }
        return KqlExpr.or(maps);
    }

    static String header(RuleMetadata m, Target target, String table) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Title: ").append(KqlSyntax.comment(m.title())).append('\n');
        if (m.id() != null) {
            sb.append("// Id: ").append(KqlSyntax.comment(m.id())).append('\n');
        }
        if (m.level() != null) {
            sb.append("// Level: ").append(KqlSyntax.comment(m.level())).append('\n');
        }
        List<SigmaTag> attack = m.parsedTags().stream().filter(SigmaTag::isAttack).toList();
        if (!attack.isEmpty()) {
            String tags = attack.stream()
                    .map(t -> t.attackTechniqueId().orElse(t.name()))
                    .collect(Collectors.joining(", "));
            sb.append("// ATT&CK: ").append(KqlSyntax.comment(tags)).append('\n');
        }
        sb.append("// Target: ").append(KqlSyntax.comment(target.name())).append(" (")
                .append(KqlSyntax.comment(table)).append(")\n");
        return sb.toString();
    }

    /**
     * The analyst projection: the table's detection columns first (Defender XDR's Timestamp, ReportId, DeviceId, which
     * a custom detection needs in every row), then its analyst columns.
     */
    static String analystProjection(TableMapping table) {
        return projection(table, List.of());
    }

    /**
     * A projection of the table's detection columns, {@code extra} columns (e.g. those of its entities) and analyst
     * columns, each once, in that order; empty when the table names none.
     */
    public static String projection(TableMapping table, List<String> extra) {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>(table.detectionColumns());
        columns.addAll(extra);
        columns.addAll(table.analystColumns());
        if (columns.isEmpty()) {
            return "";
        }
        return "\n| project " + columns.stream().map(KqlSyntax::name).collect(Collectors.joining(", "));
    }
}
