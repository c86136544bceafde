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
    private static final Pattern NUMBER_OR_BOOL_LITERAL = Pattern.compile("\"(-?\\d+(\\.\\d+)?|(?i:true|false))\"");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9A-Fa-f]{1,15}");
    private static final Pattern SYSMON_DWORD = Pattern.compile("(?i)DWORD \\(0x([0-9a-f]{8})\\)");
    private static final Pattern SYSMON_QWORD = Pattern.compile("(?i)QWORD \\(0x([0-9a-f]{8})-0x([0-9a-f]{8})\\)");
    private static final Pattern IPV4_CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

    private final Target target;
    private final TableMapping table;
    private final ExplanationCollector explanation;
    private final Map<String, String> extensions = new LinkedHashMap<>();
    private boolean negated;

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
        return translate(item, false);
    }

    /**
     * @param negated the item stands under an odd number of {@code not}s: a comparison of a numeric column that may be
     *                null then says false instead of null, so that {@code not} selects rows without the value as Sigma
     *                does (Kusto's {@code not(null)} is null, which {@code where} drops)
     */
    KqlExpr translate(DetectionItem item, boolean negated) {
        this.negated = negated;
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
        if (mapping instanceof FieldMapping.Refused r) {
            throw new UntranslatableRuleException("the field '" + item.field() + "' cannot be translated for table "
                    + table.name() + ": " + r.reason());
        }
        if (mapping instanceof FieldMapping.Hashes h) {
            return hashes(item, h);
        }
        FieldMapping.Columns columns = (FieldMapping.Columns) mapping;
        columns.targets().stream().map(ColumnTarget::warning).filter(java.util.Objects::nonNull)
                .forEach(explanation::warn);
        if (columns.targets().size() > 1) {
            KqlExpr absent = absentFromEveryColumn(columns, item);
            if (absent != null) {
                return absent;
            }
        }
        List<KqlExpr> perColumn = new ArrayList<>();
        for (ColumnTarget ct : columns.targets()) {
            perColumn.add(onColumn(ct, item));
        }
        return KqlExpr.or(perColumn);
    }

    /**
     * A field held by any of several columns is absent only when every one of them is empty (the mirror of a positive
     * match taking either): {@code null} values and {@code exists: false} test all columns. Null when the item has
     * neither.
     */
    private KqlExpr absentFromEveryColumn(FieldMapping.Columns columns, DetectionItem item) {
        boolean existsFalse = item.has(Modifier.EXISTS) && item.values().size() == 1
                && item.values().get(0) instanceof SigmaValue.Bool b && !b.value();
        List<SigmaValue> nulls = item.values().stream().filter(v -> v instanceof SigmaValue.Null).toList();
        if (!existsFalse && (nulls.isEmpty() || item.has(Modifier.NEQ) || item.has(Modifier.EXISTS))) {
            return null;
        }
        List<KqlExpr> empty = new ArrayList<>();
        for (ColumnTarget ct : columns.targets()) {
            empty.add(KqlExpr.atom("isempty(" + ref(ct).name() + ")"));
        }
        KqlExpr allEmpty = KqlExpr.and(empty);
        if (existsFalse) {
            explanation.warn("exists is checked as a non-empty value: KQL tables cannot tell an absent field from an "
                    + "empty one");
            return allEmpty;
        }
        List<SigmaValue> others = item.values().stream().filter(v -> !(v instanceof SigmaValue.Null)).toList();
        if (others.isEmpty()) {
            return allEmpty;
        }
        if (item.matchesAllValues()) {
            // null and a value at once: never true
            return KqlExpr.FALSE;
        }
        DetectionItem rest = new DetectionItem(item.field(), item.modifiers(), others);
        List<KqlExpr> any = new ArrayList<>();
        any.add(allEmpty);
        for (ColumnTarget ct : columns.targets()) {
            any.add(onColumn(ct, rest));
        }
        return KqlExpr.or(any);
    }

    private FieldMapping resolve(String field) {
        var resolved = table.resolve(field);
        if (resolved.isPresent()) {
            FieldMapping m = resolved.get().mapping();
            if (m instanceof FieldMapping.Columns || m instanceof FieldMapping.Hashes) {
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

    /** The operand a column target is compared through: the column, a member of it, or an expression over columns. */
    private ColumnRef ref(ColumnTarget ct) {
        if (ct.member() != null) {
            // a JSON text column (Defender's AdditionalFields) is parsed first
            boolean text = ref(ct.column()).type() == ColumnType.STRING;
            return ColumnRef.member(text ? "parse_json(" + KqlSyntax.name(ct.column()) + ")" : KqlSyntax.name(ct.column()),
                    ct.column(), ct.member());
        }
        ColumnRef col = ref(ct.column());
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.UrlPart part) {
                String url = col.asString();
                return ColumnRef.computed(part.part() + " of " + ct.column(), ValueTransform.UrlPart.QUERY.equals(part.part())
                        ? "extract(\"[?](.*)\", 1, " + url + ")"
                        : "tostring(split(" + url + ", \"?\")[0])");
            }
            if (vt instanceof ValueTransform.RegistryPath rp) {
                String key = rp.previousKeyColumn() == null ? col.asString()
                        : "coalesce(" + col.asString() + ", " + ref(rp.previousKeyColumn()).asString() + ")";
                String valueName = rp.previousValueNameColumn() == null ? ref(rp.valueNameColumn()).asString()
                        : "coalesce(" + ref(rp.valueNameColumn()).asString() + ", "
                        + ref(rp.previousValueNameColumn()).asString() + ")";
                String path = "strcat(" + key + ", iff(isempty(" + valueName + "), \"\", \"\\\\\"), " + valueName + ")";
                return ColumnRef.computed("registry path", extended("RegistryPath", path));
            }
        }
        return col;
    }

    /** Names an expression that the query computes once with {@code | extend} (readable, and shared by items). */
    private String extended(String alias, String expression) {
        String name = alias;
        for (int i = 2; table.columns().containsKey(name) || (extensions.containsKey(name)
                && !extensions.get(name).equals(expression)); i++) {
            name = alias + i;
        }
        extensions.put(name, expression);
        return KqlSyntax.name(name);
    }

    /** The columns computed with {@code | extend} (name to expression), in the order first used. */
    Map<String, String> extensions() {
        return extensions;
    }

    // ---- one column -------------------------------------------------------------------------------------------

    private KqlExpr onColumn(ColumnTarget ct, DetectionItem item) {
        ColumnRef col = ref(ct);
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
        if (item.matchesAllValues() != negate) {
            // all values must match, or (neq) none of them may: one test per value
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

    /**
     * OR of the alternatives (of one value or of all values), exact values as one flat in~ list; negated, none of
     * them ({@code !in~} for the exact ones).
     */
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
        List<KqlExpr> result = new ArrayList<>();
        if (!numberSet.isEmpty()) {
            KqlExpr numbers = exactList(col.name(), new ArrayList<>(numberSet), "==", "!=", "in", "!in", negate);
            result.add(negated && !negate && col.isNumeric()
                    ? KqlExpr.and(List.of(KqlExpr.atom("isnotnull(" + col.name() + ")"), numbers)) : numbers);
        }
        if (!stringSet.isEmpty()) {
            // an undeclared column may be numeric or boolean, where =~ "4738" is an error (KS106): such values are
            // compared as text; other text only fits a string column
            boolean maybeTyped = stringSet.stream().anyMatch(l -> NUMBER_OR_BOOL_LITERAL.matcher(l).matches());
            result.add(exactList(maybeTyped ? col.asExactString() : col.asString(), new ArrayList<>(stringSet),
                    cased ? "==" : "=~",
                    cased ? "!=" : "!~", cased ? "in" : "in~", cased ? "!in" : "!in~", negate));
        }
        result.addAll(others);
        return negate ? KqlExpr.and(result) : KqlExpr.or(result);
    }

    private static KqlExpr exactList(String operand, List<String> literals, String eq, String ne, String in,
                                     String notIn, boolean negate) {
        if (literals.size() == 1) {
            return KqlExpr.atom(operand + " " + (negate ? ne : eq) + " " + literals.get(0));
        }
        return KqlExpr.atom(operand + " " + (negate ? notIn : in) + " (" + String.join(", ", literals) + ")");
    }

    private List<Alt> alternatives(ColumnRef col, ColumnTarget ct, DetectionItem item, SigmaValue value) {
        if (value instanceof SigmaValue.Null) {
            emptyOrAbsent(item);
            return List.of(new Expr(KqlExpr.atom("isempty(" + col.name() + ")")));
        }
        if (value instanceof SigmaValue.Bool b && col.isBool()) {
            return List.of(new Expr(KqlExpr.atom(col.name() + " == " + b.value())));
        }
        if (value instanceof SigmaValue.Number n && col.isNumeric() && plainMatch(item)) {
            return List.of(new Exact(n.text(), true));
        }
        if (value instanceof SigmaString s && col.isNumeric() && plainMatch(item) && s.isPlain()
                && HEX_NUMBER.matcher(s.literalText()).matches()) {
            // a numeric column holds the number a hexadecimal text (a logon id 0x3e7) stands for
            return List.of(new Exact(new java.math.BigInteger(s.literalText().substring(2), 16).toString(), true));
        }
        List<ValuePattern> patterns = patterns(item, value);
        List<Alt> result = new ArrayList<>();
        for (ValuePattern p : patterns) {
            boolean matchesEmpty = p.kind() == ValuePattern.Kind.ANY
                    || p.kind() == ValuePattern.Kind.EQUALS && p.text().isEmpty();
            if (matchesEmpty && !col.isNumeric() && !col.isBool()) {
                emptyOrAbsent(item);
            }
            for (ValuePattern t : transform(ct, p)) {
                result.addAll(onPattern(col, ct, item, t));
            }
        }
        return result;
    }

    /** '' (or *, or null) on a string column: the query cannot tell a present empty value from a missing field. */
    private void emptyOrAbsent(DetectionItem item) {
        explanation.warn("a string column cannot tell an absent field from an empty one: the condition on "
                + item.field() + " treats both alike");
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

    /** The patterns the column holds for a value: one, or several where a value map gives several values. */
    private static List<ValuePattern> transform(ColumnTarget ct, ValuePattern p) {
        List<ValuePattern> result = List.of(p);
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.ValueMap map && p.kind() == ValuePattern.Kind.EQUALS) {
                result = map.apply(p.text()).stream().map(ValuePattern::literal).toList();
            } else if (vt instanceof ValueTransform.ReplacePrefix prefix) {
                // also inside a pattern (contains 'HKLM\\SOFTWARE'): the column spells every root out
                result = result.stream().map(x -> x.mapLeadingLiteral(prefix::apply, prefix::applyNamedRoot)).toList();
            }
        }
        return result;
    }

    private List<Alt> onPattern(ColumnRef col, ColumnTarget ct, DetectionItem item, ValuePattern p) {
        for (ValueTransform vt : ct.transforms()) {
            if (vt instanceof ValueTransform.Basename) {
                p = basename(ct, p);
            } else if (vt instanceof ValueTransform.SplitDomain sd) {
                ValuePattern.Kind kind = p.kind();
                String text = p.text();
                boolean cased = item.has(Modifier.CASED);
                ColumnRef domain = ref(sd.domainColumn());
                if (kind == ValuePattern.Kind.EQUALS && text.contains("\\")) {
                    int slash = text.indexOf('\\');
                    String eq = cased ? " == " : " =~ ";
                    return List.of(new Expr(KqlExpr.and(List.of(
                            KqlExpr.atom(domain.asString() + eq + KqlSyntax.string(text.substring(0, slash))),
                            KqlExpr.atom(col.asString() + eq + KqlSyntax.string(text.substring(slash + 1)))))));
                }
                boolean nameAlone = (kind == ValuePattern.Kind.EQUALS || kind == ValuePattern.Kind.ENDSWITH)
                        && !text.contains("\\");
                if (!nameAlone && kind != ValuePattern.Kind.ANY) {
                    // the pattern may hit the domain part: compare with the joined domain and user name, as the event has it
                    col = ColumnRef.computed("DOMAIN\\user", "strcat(" + domain.asString() + ", iff(isempty("
                            + domain.asString() + "), \"\", \"\\\\\"), " + col.asString() + ")");
                }
            } else if (vt instanceof ValueTransform.RegistryData) {
                Alt data = registryData(col, item, p);
                if (data != null) {
                    return List.of(data);
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

    /**
     * Sysmon's rendering of registry data translated to the value a column like Defender's {@code RegistryValueData}
     * holds: {@code DWORD (0x00000001)} is {@code 1}, {@code (Empty)} an empty value. Null for other text.
     */
    private static Alt registryData(ColumnRef col, DetectionItem item, ValuePattern p) {
        String text = p.text();
        Matcher dword = SYSMON_DWORD.matcher(text);
        Matcher qword = SYSMON_QWORD.matcher(text);
        boolean whole = p.kind() == ValuePattern.Kind.EQUALS || p.kind() == ValuePattern.Kind.CONTAINS;
        if (whole && dword.matches()) {
            return new Exact(Long.toString(Long.parseLong(dword.group(1), 16)), false);
        }
        if (whole && qword.matches()) {
            return new Exact(Long.toUnsignedString(Long.parseLong(qword.group(1), 16) << 32
                    | Long.parseLong(qword.group(2), 16)), false);
        }
        if (p.kind() == ValuePattern.Kind.EQUALS && text.equalsIgnoreCase("(Empty)")) {
            return new Expr(KqlExpr.atom("isempty(" + col.name() + ")"));
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("DWORD") || upper.contains("QWORD") || upper.contains("(EMPTY)")
                || upper.contains("BINARY DATA")) {
            throw new UntranslatableRuleException("the value '" + text + "' of " + item.field() + " is part of Sysmon's "
                    + "rendering of registry data (type and hexadecimal value), which this column holds as the value "
                    + "itself; only whole DWORD/QWORD values and (Empty) can be translated");
        }
        return null;
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
            // leaving those values out would change what the rule finds (fewer events, or more under a not)
            throw new UntranslatableRuleException("the table " + table.name() + " has no column for the hash "
                    + "algorithm(s) " + String.join(", ", unsupported.stream().distinct().toList()));
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
