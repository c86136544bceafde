package io.detectionhub.sigma.evaluation.match;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.detectionhub.sigma.evaluation.event.EventBuilder;
import io.detectionhub.sigma.model.Cidr;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

/** Compiles one detection item with its modifiers into a {@link CompiledItem}. */
public final class ItemCompiler {

    private ItemCompiler() {
    }

    /**
     * @param eventFields  the event field names to look the item's field up under, in order (the field itself when
     *                     no schema mapping applies); ignored for keyword items
     * @param placeholders values for {@code %placeholder%} of the {@code expand} modifier
     */
    public static CompiledItem compile(DetectionItem item, List<String> eventFields,
                                       Map<String, List<String>> placeholders) {
        List<Modifier> mods = item.modifiers();
        List<ValueMatcher> matchers = new ArrayList<>();
        for (SigmaValue value : item.values()) {
            matchers.add(compileValue(item, mods, value, placeholders));
        }
        String[] keys = item.isKeyword() ? null
                : eventFields.stream().map(EventBuilder::canonicalKey).distinct().toArray(String[]::new);
        return new CompiledItem(item, keys, matchers.toArray(ValueMatcher[]::new), item.has(Modifier.ALL),
                item.has(Modifier.NEQ));
    }

    private static ValueMatcher compileValue(DetectionItem item, List<Modifier> mods, SigmaValue value,
                                             Map<String, List<String>> placeholders) {
        if (mods.contains(Modifier.EXISTS)) {
            if (value instanceof SigmaValue.Bool b) {
                return new Matchers.ExistsMatch(b.value());
            }
            String t = value.asText().trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return new Matchers.ExistsMatch(t.equals("true"));
            }
            throw new RuleCompilationException(item.key() + ": exists takes true or false");
        }
        if (value instanceof SigmaValue.Null) {
            return new Matchers.NullMatch();
        }
        if (mods.contains(Modifier.RE)) {
            return regex(item, mods, value);
        }
        if (mods.contains(Modifier.CIDR)) {
            Cidr network = Cidr.parse(value.asText()).orElseThrow(() -> new RuleCompilationException(
                    "'" + value.asText() + "' is not an IPv4 or IPv6 network in CIDR notation"));
            return new Matchers.CidrMatch(network, value.asText());
        }
        if (mods.contains(Modifier.FIELDREF)) {
            Matchers.Position position = mods.contains(Modifier.CONTAINS) ? Matchers.Position.CONTAINS
                    : mods.contains(Modifier.STARTSWITH) ? Matchers.Position.STARTSWITH
                    : mods.contains(Modifier.ENDSWITH) ? Matchers.Position.ENDSWITH : Matchers.Position.EQUALS;
            String other = value.asText();
            return new Matchers.FieldRefMatch(EventBuilder.canonicalKey(other), position, mods.contains(Modifier.CASED),
                    other);
        }
        Matchers.Comparison comparison = comparison(mods);
        Matchers.TimePart part = timePart(mods);
        if (part != null) {
            return new Matchers.TimePartMatch(part, comparison == null ? Matchers.Comparison.EQ : comparison,
                    number(item, value).longValue(), value.asText());
        }
        if (comparison != null) {
            return new Matchers.CompareMatch(comparison, number(item, value), value.asText());
        }
        boolean stringModifiers = mods.stream().anyMatch(m -> m == Modifier.CONTAINS || m == Modifier.STARTSWITH
                || m == Modifier.ENDSWITH || m == Modifier.WINDASH || m.isEncoding() || m == Modifier.EXPAND
                || m == Modifier.CASED);
        if (value instanceof SigmaValue.Number n && !stringModifiers && !item.isKeyword()) {
            return new Matchers.NumberMatch(n.value(), n.text());
        }
        if (value instanceof SigmaValue.Bool b && !stringModifiers && !item.isKeyword()) {
            return new Matchers.BoolMatch(b.value(), b.asText());
        }
        SigmaString s = value instanceof SigmaString ss ? ss : SigmaString.literal(value.asText());
        boolean cased = mods.contains(Modifier.CASED);
        List<StringPattern> patterns = new ArrayList<>();
        for (int[] codes : StringValueCompiler.compile(s, mods, item.isKeyword(), placeholders)) {
            patterns.add(new StringPattern(codes, cased));
        }
        return new Matchers.StringMatch(patterns, s.original());
    }

    private static ValueMatcher regex(DetectionItem item, List<Modifier> mods, SigmaValue value) {
        String regex = value instanceof SigmaString s ? s.original() : value.asText();
        int flags = 0;
        if (mods.contains(Modifier.RE_IGNORECASE)) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (mods.contains(Modifier.RE_MULTILINE)) {
            flags |= Pattern.MULTILINE;
        }
        if (mods.contains(Modifier.RE_DOTALL)) {
            flags |= Pattern.DOTALL;
        }
        try {
            return new Matchers.RegexMatch(Pattern.compile(regex, flags), regex);
        } catch (PatternSyntaxException e) {
            throw new RuleCompilationException(item.key() + ": regular expression '" + regex
                    + "' is not supported by the linear-time engine: " + e.getDescription());
        }
    }

    private static Matchers.Comparison comparison(List<Modifier> mods) {
        for (Modifier m : mods) {
            switch (m) {
                case LT: return Matchers.Comparison.LT;
                case LTE: return Matchers.Comparison.LTE;
                case GT: return Matchers.Comparison.GT;
                case GTE: return Matchers.Comparison.GTE;
                default: break;
            }
        }
        return null;
    }

    private static Matchers.TimePart timePart(List<Modifier> mods) {
        for (Modifier m : mods) {
            switch (m) {
                case MINUTE: return Matchers.TimePart.MINUTE;
                case HOUR: return Matchers.TimePart.HOUR;
                case DAY: return Matchers.TimePart.DAY;
                case WEEK: return Matchers.TimePart.WEEK;
                case MONTH: return Matchers.TimePart.MONTH;
                case YEAR: return Matchers.TimePart.YEAR;
                default: break;
            }
        }
        return null;
    }

    private static BigDecimal number(DetectionItem item, SigmaValue value) {
        if (value instanceof SigmaValue.Number n) {
            return n.value();
        }
        BigDecimal d = Matchers.parseNumber(value.asText());
        if (d == null) {
            throw new RuleCompilationException(item.key() + ": '" + value.asText() + "' is not a number");
        }
        return d;
    }
}
