package io.detectionhub.sigma.kql;

import com.google.re2j.PatternSyntaxException;
import io.detectionhub.sigma.kql.target.ColumnTarget;
import io.detectionhub.sigma.kql.target.ColumnType;
import io.detectionhub.sigma.kql.target.FieldMapping;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.UnmappedFieldPolicy;
import io.detectionhub.sigma.kql.target.ValueTransform;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates one detection item ({@code Field|modifiers: values}) into a KQL expression on one table. */
final class ItemTranslator {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");
    private static final Pattern HASH_VALUE = Pattern.compile("([A-Za-z0-9]+)=([0-9A-Fa-f]+)");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern IPV4_CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private final Target target;
    private final TableMapping table;
    private final ExplanationCollector explanation;

    ItemTranslator(Target target, TableMapping table, ExplanationCollector explanation) {
        this.target = target;
        this.table = table;
        this.explanation = explanation;
    }

    /** One alternative of a value: an exact value (grouped into in~ lists) or any other expression. */
    private sealed interface Alt permits Exact, Expr {
    }

    private record Exact(String text, boolean numeric) implements Alt {
    }

    private record Expr(KqlExpr expr) implements Alt {
    }

    KqlExpr translate(DetectionItem item) {
        for (Modifier m : item.modifiers()) {
            if (m.isTimePart()) {
                throw new UntranslatableRuleException("the '" + m.keyword() + "' modifier (date part) is not supported");
            }
        }
        if (item.isKeyword()) {
            return keywords(item);
        }
        FieldMapping mapping = resolve(item.field());
        if (mapping instanceof FieldMapping.Dropped d) {
            explanation.field(item.field(), Explanation.Kind.DROPPED, List.of(), d.reason());
            explanation.warn("the condition on " + item.field() + " was dropped: " + d.reason());
            return KqlExpr.TRUE;
        }
        if (mapping instanceof FieldMapping.Hashes h) {
            return hashes(item, h);
        }
        FieldMapping.Columns columns = (FieldMapping.Columns) mapping;
        List<KqlExpr> perColumn = new ArrayList<>();
        for (ColumnTarget ct : columns.targets()) {
            perColumn.add(onColumn(ct, item));
        }
        return KqlExpr.or(perColumn);
    }

    private FieldMapping resolve(String field) {
        var resolved = table.resolve(field);
        if (resolved.isPresent()) {
            FieldMapping m = resolved.get().mapping();
            if (!(m instanceof FieldMapping.Dropped)) {
                boolean sameName = m.columns().size() == 1 && m.columns().get(0).equals(field);
                Explanation.Kind kind = resolved.get().source().startsWith("column") ? Explanation.Kind.COLUMN
                        : Explanation.Kind.MAPPED;
                explanation.field(field, kind, m.columns(), sameName && kind == Explanation.Kind.COLUMN ? null
                        : describe(m));
            }
            return m;
        }
        UnmappedFieldPolicy policy = target.unmappedFields();
        switch (policy) {
            case PASSTHROUGH -> {
                explanation.field(field, Explanation.Kind.PASSED_THROUGH, List.of(field), null);
                if (table.columnsKnown()) {
                    explanation.warn("the field " + field + " has no mapping and is not a declared column of "
                            + table.name() + "; it was passed through unchanged");
                }
                return new FieldMapping.Columns(List.of(ColumnTarget.of(field)));
            }
            case DROP -> {
                return new FieldMapping.Dropped("no mapping for " + table.name() + " (unmapped-field policy: drop)");
            }
            default -> throw new UntranslatableRuleException("the field '" + field + "' has no mapping for table "
                    + table.name() + " of target " + target.name());
        }
    }

    private static String describe(FieldMapping m) {
        if (m instanceof FieldMapping.Columns c) {
            List<String> parts = new ArrayList<>();
            for (ColumnTarget t : c.targets()) {
                for (ValueTransform vt : t.transforms()) {
                    parts.add(vt.keyword() + " on " + t.column());
                }
            }
            if (c.targets().size() > 1) {
                parts.add(0, "any of the columns");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        if (m instanceof FieldMapping.Hashes) {
            return "split by hash algorithm";
        }
        return null;
    }

    private ColumnRef ref(String column) {
        ColumnType type = table.columnsKnown() ? table.columnType(column).orElse(null) : null;
        return ColumnRef.of(column, type);
    }

    // ---- one column -------------------------------------------------------------------------------------------

    private KqlExpr onColumn(ColumnTarget ct, DetectionItem item) {
        ColumnRef col = ref(ct.column());
        boolean negate = item.has(Modifier.NEQ);
        KqlExpr positive;
        if (item.has(Modifier.EXISTS)) {
            return exists(col, item);
        } else if (item.has(Modifier.FIELDREF)) {
            positive = combine(item, item.values().stream().map(v -> fieldref(col, item, v)).toList());
        } else if (item.has(Modifier.RE)) {
            positive = combine(item, item.values().stream().map(v -> regex(col, item, v)).toList());
        } else if (item.has(Modifier.CIDR)) {
            positive = cidr(col, item);
        } else if (item.modifiers().stream().anyMatch(Modifier::isNumericComparison)) {
            positive = combine(item, item.values().stream().map(v -> compare(col, item, v)).toList());
        } else {
            return values(col, ct, item, negate);
        }
        return negate ? KqlExpr.not(positive) : positive;
    }

    private KqlExpr combine(DetectionItem item, List<KqlExpr> perValue) {
        return item.matchesAllValues() ? KqlExpr.and(perValue) : KqlExpr.or(perValue);
    }

    private KqlExpr exists(ColumnRef col, DetectionItem item) {
        if (item.values().size() != 1 || !(item.values().get(0) instanceof SigmaValue.Bool b)) {
            throw new UntranslatableRuleException("the exists modifier of '" + item.key() + "' needs true or false");
        }
        explanation.warn("exists is checked as a non-empty value: KQL tables cannot tell an absent field from an empty one");
        return KqlExpr.atom((b.value() ? "isnotempty(" : "isempty(") + col.name() + ")");
    }

    private KqlExpr values(ColumnRef col, ColumnTarget ct, DetectionItem item, boolean negate) {
        boolean cased = item.has(Modifier.CASED);
        List<List<Alt>> perValue = new ArrayList<>();
        for (SigmaValue v : item.values()) {
            perValue.add(alternatives(col, ct, item, v));
        }
        if (item.matchesAllValues()) {
            List<KqlExpr> each = new ArrayList<>();
            for (List<Alt> alts : perValue) {
                each.add(group(col, alts, cased, negate));
            }
            return KqlExpr.and(each);
        }
        List<Alt> all = new ArrayList<>();
        perValue.forEach(all::addAll);
        return group(col, all, cased, negate);
    }

    /** OR of the alternatives (of one value or of all values), exact values as one flat in~ list. */
    private KqlExpr group(ColumnRef col, List<Alt> alts, boolean cased, boolean negate) {
        java.util.Set<String> stringSet = new java.util.LinkedHashSet<>();
        java.util.Set<String> numberSet = new java.util.LinkedHashSet<>();
        List<KqlExpr> others = new ArrayList<>();
        for (Alt a : alts) {
            if (a instanceof Exact e) {
                if (e.numeric()) {
                    numberSet.add(e.text());
                } else {
                    stringSet.add(KqlSyntax.string(e.text()));
                }
            } else {
                KqlExpr x = ((Expr) a).expr();
                others.add(negate ? KqlExpr.not(x) : x);
            }
        }
        List<String> strings = new ArrayList<>(stringSet);
        List<String> numbers = new ArrayList<>(numberSet);
        List<KqlExpr> result = new ArrayList<>();
        if (!numbers.isEmpty()) {
            result.addAll(exactList(col.name(), numbers, "==", "!=", "in", "!in", negate));
        }
        if (!strings.isEmpty()) {
            String eq = cased ? "==" : "=~";
            String ne = cased ? "!=" : "!~";
            String in = cased ? "in" : "in~";
            String notIn = cased ? "!in" : "!in~";
            result.addAll(exactList(col.asString(), strings, eq, ne, in, notIn, negate));
        }
        result.addAll(others);
        return KqlExpr.or(result);
    }

    private static List<KqlExpr> exactList(String operand, List<String> literals, String eq, String ne, String in,
                                           String notIn, boolean negate) {
        if (negate) {
            // each value is its own not-equal test, linked like the values are
            return literals.stream().map(l -> KqlExpr.atom(operand + " " + ne + " " + l)).toList();
        }
        if (literals.size() == 1) {
            return List.of(KqlExpr.atom(operand + " " + eq + " " + literals.get(0)));
        }
        return List.of(KqlExpr.atom(operand + " " + in + " (" + String.join(", ", literals) + ")"));
    }

    private List<Alt> alternatives(ColumnRef col, ColumnTarget ct, DetectionItem item, SigmaValue value) {
        if (value instanceof SigmaValue.Null) {
            return List.of(new Expr(KqlExpr.atom("isempty(" + col.name() + ")")));
        }
        if (value instanceof SigmaValue.Bool b && col.isBool()) {
            return List.of(new Expr(KqlExpr.atom(col.name() + " == " + b.value())));
        }
        if (value instanceof SigmaValue.Number n && col.isNumeric() && plainMatch(item)) {
            return List.of(new Exact(n.text(), true));
        }
        List<ValuePattern> patterns = patterns(item, value);
        List<Alt> result = new ArrayList<>();
        for (ValuePattern p : patterns) {
            result.addAll(onPattern(col, ct, item, transform(ct, p)));
        }
        return result;
    }

    private static boolean plainMatch(DetectionItem item) {
        return !item.has(Modifier.CONTAINS) && !item.has(Modifier.STARTSWITH) && !item.has(Modifier.ENDSWITH)
                && !item.has(Modifier.WINDASH) && !ValueEncodings.encodes(item);
    }

    /** The value as patterns after windash, encodings and contains/startswith/endswith. */
    private static List<ValuePattern> patterns(DetectionItem item, SigmaValue value) {
        List<ValuePattern> base;
        if (value instanceof SigmaString s) {
            base = List.of(ValuePattern.of(s));
        } else {
            base = List.of(ValuePattern.literal(value.asText()));
        }
        if (item.has(Modifier.WINDASH)) {
            List<ValuePattern> expanded = new ArrayList<>();
            base.forEach(p -> expanded.addAll(ValueEncodings.windash(p)));
            base = expanded;
        }
        if (ValueEncodings.encodes(item)) {
            List<ValuePattern> encoded = new ArrayList<>();
            for (ValuePattern p : base) {
                if (!p.isPlain()) {
                    throw new UntranslatableRuleException("the value '" + value.asText()
                            + "' has wildcards, which cannot be base64-encoded");
                }
                ValueEncodings.encode(p.text(), item).forEach(t -> encoded.add(ValuePattern.literal(t)));
            }
            base = encoded;
        }
        List<ValuePattern> result = new ArrayList<>(base.size());
        for (ValuePattern p : base) {
            if (item.has(Modifier.CONTAINS)) {
                p = p.withLeadingWildcard().withTrailingWildcard();
            } else if (item.has(Modifier.STARTSWITH)) {
                p = p.withTrailingWildcard();
            } else if (item.has(Modifier.ENDSWITH)) {
                p = p.withLeadingWildcard();
            }
            result.add(p);
        }
        return result;
    }

    private static ValuePattern transform(ColumnTarget ct, ValuePattern p) {
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.ValueMap map && p.kind() == ValuePattern.Kind.EQUALS) {
                p = ValuePattern.literal(map.apply(p.text()));
            } else if (vt instanceof ValueTransform.ReplacePrefix prefix) {
                p = p.mapLeadingLiteral(prefix::apply);
            }
        }
        return p;
    }

    private List<Alt> onPattern(ColumnRef col, ColumnTarget ct, DetectionItem item, ValuePattern p) {
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.Basename) {
                p = basename(ct, p);
            } else if (vt instanceof ValueTransform.SplitDomain sd) {
                String text = p.text();
                if (text.contains("\\")) {
                    if (p.kind() != ValuePattern.Kind.EQUALS) {
                        throw new UntranslatableRuleException("the value '" + text + "' of " + item.field()
                                + " names a domain, but " + ct.column() + " holds only the user name; only exact "
                                + "DOMAIN\\user values can be split");
                    }
                    int slash = text.indexOf('\\');
                    ColumnRef domain = ref(sd.domainColumn());
                    boolean cased = item.has(Modifier.CASED);
                    String eq = cased ? " == " : " =~ ";
                    return List.of(new Expr(KqlExpr.and(List.of(
                            KqlExpr.atom(domain.asString() + eq + KqlSyntax.string(text.substring(0, slash))),
                            KqlExpr.atom(col.asString() + eq + KqlSyntax.string(text.substring(slash + 1)))))));
                }
            }
        }
        boolean cased = item.has(Modifier.CASED);
        String suffix = cased ? "_cs" : "";
        ValuePattern.Kind kind = p.kind();
        String text = p.text();
        switch (kind) {
            case EQUALS -> {
                if (col.isNumeric() && NUMBER.matcher(text).matches()) {
                    return List.of(new Exact(new java.math.BigDecimal(text).toPlainString(), true));
                }
                if (col.isBool() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                    return List.of(new Expr(KqlExpr.atom(col.name() + " == " + text.toLowerCase(Locale.ROOT))));
                }
                return List.of(new Exact(text, false));
            }
            case CONTAINS -> {
                return List.of(new Expr(KqlExpr.atom(col.asString() + " contains" + suffix + " " + KqlSyntax.string(text))));
            }
            case STARTSWITH -> {
                return List.of(new Expr(KqlExpr.atom(col.asString() + " startswith" + suffix + " " + KqlSyntax.string(text))));
            }
            case ENDSWITH -> {
                return List.of(new Expr(KqlExpr.atom(col.asString() + " endswith" + suffix + " " + KqlSyntax.string(text))));
            }
            case ANY -> {
                return List.of(new Expr(KqlExpr.atom("isnotempty(" + col.name() + ")")));
            }
            default -> {
                return List.of(new Expr(KqlExpr.atom(col.asString() + " matches regex "
                        + KqlSyntax.string(p.toRegex(cased)))));
            }
        }
    }

    /** A path condition on a column holding only the file name: exact only for {@code endswith '\name'}. */
    private static ValuePattern basename(ColumnTarget ct, ValuePattern p) {
        String text = p.text();
        int sep = Math.max(text.lastIndexOf('\\'), text.lastIndexOf('/'));
        if (sep < 0) {
            return p;
        }
        if (p.kind() == ValuePattern.Kind.ENDSWITH && sep == 0 && text.length() > 1) {
            return ValuePattern.literal(text.substring(1));
        }
        throw new UntranslatableRuleException("the column " + ct.column() + " holds only file names; the path "
                + "condition '" + text + "' cannot be expressed on it");
    }

    // ---- other modifiers ---------------------------------------------------------------------------------------

    private KqlExpr regex(ColumnRef col, DetectionItem item, SigmaValue value) {
        String regex = value instanceof SigmaString s ? s.original() : value.asText();
        StringBuilder flags = new StringBuilder();
        if (item.has(Modifier.RE_IGNORECASE)) {
            flags.append('i');
        }
        if (item.has(Modifier.RE_MULTILINE)) {
            flags.append('m');
        }
        if (item.has(Modifier.RE_DOTALL)) {
            flags.append('s');
        }
        String full = flags.isEmpty() ? regex : "(?" + flags + ")" + regex;
        try {
            com.google.re2j.Pattern.compile(full);
        } catch (PatternSyntaxException e) {
            throw new UntranslatableRuleException("the regular expression '" + regex
                    + "' uses syntax that RE2 (the KQL regex engine) does not support: " + e.getDescription());
        }
        return KqlExpr.atom(col.asString() + " matches regex " + KqlSyntax.string(full));
    }

    private KqlExpr cidr(ColumnRef col, DetectionItem item) {
        List<String> v4 = new ArrayList<>();
        List<KqlExpr> v6 = new ArrayList<>();
        for (SigmaValue v : item.values()) {
            String text = v.asText().trim();
            if (IPV4_CIDR.matcher(text).matches()) {
                v4.add(KqlSyntax.string(text));
            } else if (IPV6_CIDR.matcher(text).matches()) {
                v6.add(KqlExpr.atom("ipv6_is_in_range(" + col.asString() + ", " + KqlSyntax.string(text) + ")"));
            } else {
                throw new UntranslatableRuleException("'" + text + "' is not an IPv4 or IPv6 network (cidr modifier)");
            }
        }
        if (item.matchesAllValues()) {
            List<KqlExpr> each = new ArrayList<>();
            v4.forEach(r -> each.add(KqlExpr.atom("ipv4_is_in_range(" + col.asString() + ", " + r + ")")));
            each.addAll(v6);
            return KqlExpr.and(each);
        }
        List<KqlExpr> any = new ArrayList<>();
        if (v4.size() == 1) {
            any.add(KqlExpr.atom("ipv4_is_in_range(" + col.asString() + ", " + v4.get(0) + ")"));
        } else if (v4.size() > 1) {
            any.add(KqlExpr.atom("ipv4_is_in_any_range(" + col.asString() + ", " + String.join(", ", v4) + ")"));
        }
        any.addAll(v6);
        return KqlExpr.or(any);
    }

    private KqlExpr compare(ColumnRef col, DetectionItem item, SigmaValue value) {
        String text = value.asText().trim();
        if (!NUMBER.matcher(text).matches()) {
            throw new UntranslatableRuleException("'" + text + "' is not a number (" + item.key() + ")");
        }
        String op = item.has(Modifier.LT) ? "<" : item.has(Modifier.LTE) ? "<=" : item.has(Modifier.GT) ? ">" : ">=";
        // a missing or non-numeric value makes the comparison null, and not(null) is null too: the explicit null
        // check keeps the item false there, so that 'not item' selects such rows like Sigma does
        return KqlExpr.and(List.of(KqlExpr.atom("isnotnull(" + col.asNumber() + ")"),
                KqlExpr.atom(col.asNumber() + " " + op + " " + new java.math.BigDecimal(text).toPlainString())));
    }

    private KqlExpr fieldref(ColumnRef col, DetectionItem item, SigmaValue value) {
        String otherField = value instanceof SigmaString s ? s.original() : value.asText();
        FieldMapping other = resolve(otherField);
        if (!(other instanceof FieldMapping.Columns c) || c.targets().size() != 1
                || !c.targets().get(0).transforms().isEmpty()) {
            throw new UntranslatableRuleException("the field reference '" + otherField
                    + "' must map to exactly one column without value transformation");
        }
        ColumnRef o = ref(c.targets().get(0).column());
        boolean cased = item.has(Modifier.CASED);
        boolean sameNumeric = col.isNumeric() && o.isNumeric();
        // Sigma's fieldref never matches when the referenced field is absent; KQL reads an absent column as "" (or
        // null), where "" =~ "" and "x" startswith "" are true and null == null is null (and so is its not())
        KqlExpr referencePresent = KqlExpr.atom("isnotempty(" + o.name() + ")");
        if (sameNumeric && plainMatch(item)) {
            return KqlExpr.and(List.of(referencePresent, KqlExpr.atom(col.name() + " == " + o.name())));
        }
        String op;
        if (item.has(Modifier.CONTAINS)) {
            op = cased ? "contains_cs" : "contains";
        } else if (item.has(Modifier.STARTSWITH)) {
            op = cased ? "startswith_cs" : "startswith";
        } else if (item.has(Modifier.ENDSWITH)) {
            op = cased ? "endswith_cs" : "endswith";
        } else {
            op = cased ? "==" : "=~";
        }
        return KqlExpr.and(List.of(referencePresent, KqlExpr.atom(col.asString() + " " + op + " " + o.asString())));
    }

    private KqlExpr hashes(DetectionItem item, FieldMapping.Hashes mapping) {
        explanation.field(item.field(), Explanation.Kind.MAPPED, mapping.columns(), "split by hash algorithm");
        Map<String, List<Alt>> byColumn = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        List<KqlExpr> perValue = new ArrayList<>();
        for (SigmaValue v : item.values()) {
            String text = (v instanceof SigmaString s ? s.literalText() : v.asText()).trim();
            Matcher m = HASH_VALUE.matcher(text);
            List<String> columns;
            String hash;
            if (m.matches()) {
                String algorithm = m.group(1).toUpperCase(Locale.ROOT);
                String column = mapping.columnsByAlgorithm().get(algorithm);
                if (column == null) {
                    unsupported.add(algorithm);
                    continue;
                }
                columns = List.of(column);
                hash = m.group(2);
            } else if (HEX.matcher(text).matches()) {
                columns = mapping.columns();
                hash = text;
            } else {
                throw new UntranslatableRuleException("the Hashes value '" + text + "' is neither ALGORITHM=hex nor hex");
            }
            if (item.matchesAllValues()) {
                perValue.add(KqlExpr.or(columns.stream()
                        .map(c -> KqlExpr.atom(ref(c).asString() + " =~ " + KqlSyntax.string(hash))).toList()));
            } else {
                columns.forEach(c -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(new Exact(hash, false)));
            }
        }
        if (!unsupported.isEmpty()) {
            if (item.matchesAllValues() || (byColumn.isEmpty() && perValue.isEmpty())) {
                throw new UntranslatableRuleException("the table " + table.name() + " has no column for the hash "
                        + "algorithm(s) " + String.join(", ", unsupported.stream().distinct().toList()));
            }
            explanation.warn("Hashes values of algorithm(s) " + String.join(", ", unsupported.stream().distinct().toList())
                    + " were left out: " + table.name() + " has no column for them");
        }
        if (item.matchesAllValues()) {
            return KqlExpr.and(perValue);
        }
        List<KqlExpr> any = new ArrayList<>();
        byColumn.forEach((column, alts) -> any.add(group(ref(column), alts, false, item.has(Modifier.NEQ))));
        return KqlExpr.or(any);
    }

    // ---- keywords ----------------------------------------------------------------------------------------------

    private KqlExpr keywords(DetectionItem item) {
        boolean cased = item.has(Modifier.CASED);
        List<KqlExpr> perValue = new ArrayList<>();
        for (SigmaValue v : item.values()) {
            if (v instanceof SigmaValue.Null) {
                throw new UntranslatableRuleException("a null keyword has no meaning");
            }
            List<KqlExpr> variants = new ArrayList<>();
            for (ValuePattern p : patterns(item, v)) {
                ValuePattern any = p.withLeadingWildcard().withTrailingWildcard();
                ValuePattern.Kind kind = any.kind();
                if (kind == ValuePattern.Kind.ANY) {
                    variants.add(KqlExpr.TRUE);
                } else if (kind == ValuePattern.Kind.CONTAINS) {
                    variants.add(KqlExpr.atom("* " + (cased ? "contains_cs " : "contains ") + KqlSyntax.string(any.text())));
                } else {
                    throw new UntranslatableRuleException("the keyword '" + v.asText()
                            + "' has wildcards inside; KQL can only search all columns for a substring");
                }
            }
            perValue.add(KqlExpr.or(variants));
        }
        return item.matchesAllValues() ? KqlExpr.and(perValue) : KqlExpr.or(perValue);
    }
}
