package io.detectionhub.sigma.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.detectionhub.sigma.model.Modifier;

/**
 * Parses and checks the {@code |mod|mod} part of a detection key. Checks here only need the chain itself; checks that
 * need the values live in {@link DetectionReader}.
 */
final class ModifierChain {

    private static final Set<Modifier> MATCH_POSITION = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH);
    private static final Set<Modifier> ALLOWED_WITH_RE = EnumSet.of(Modifier.RE, Modifier.RE_IGNORECASE,
            Modifier.RE_MULTILINE, Modifier.RE_DOTALL, Modifier.ALL, Modifier.NEQ, Modifier.CASED);
    private static final Set<Modifier> ALLOWED_WITH_FIELDREF = EnumSet.of(Modifier.FIELDREF, Modifier.NEQ,
            Modifier.ALL, Modifier.CASED, Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH);
    private static final Set<Modifier> ALLOWED_WITH_CIDR = EnumSet.of(Modifier.CIDR, Modifier.NEQ, Modifier.ALL);
    private static final Set<Modifier> ALLOWED_WITH_COMPARISON = EnumSet.of(Modifier.LT, Modifier.LTE, Modifier.GT,
            Modifier.GTE, Modifier.MINUTE, Modifier.HOUR, Modifier.DAY, Modifier.WEEK, Modifier.MONTH, Modifier.YEAR,
            Modifier.ALL, Modifier.NEQ);
    private static final Set<Modifier> NEEDS_FIELD = EnumSet.of(Modifier.EXISTS, Modifier.FIELDREF, Modifier.CIDR,
            Modifier.LT, Modifier.LTE, Modifier.GT, Modifier.GTE, Modifier.MINUTE, Modifier.HOUR, Modifier.DAY,
            Modifier.WEEK, Modifier.MONTH, Modifier.YEAR, Modifier.NEQ);
    private static final List<String> KEYWORDS = Arrays.stream(Modifier.values()).map(Modifier::keyword).toList();

    private ModifierChain() {
    }

    /**
     * The modifiers of {@code key} (the text after the field name), or empty when the chain is invalid (problems are
     * reported with {@code node}'s position).
     */
    static Optional<List<Modifier>> parse(String key, String field, List<String> names, boolean keyword,
                                          Node node, String path, Problems problems) {
        int before = problems.size();
        List<Modifier> modifiers = new ArrayList<>();
        for (String name : names) {
            if (name.isEmpty()) {
                problems.add(node, path, "empty modifier in '" + key + "' (two '|' in a row or a trailing '|')");
                continue;
            }
            Optional<Modifier> modifier = Modifier.fromKeyword(name);
            if (modifier.isEmpty()) {
                problems.add(node, path, "unknown modifier '" + name + "' in '" + key + "'"
                        + Suggestions.hint(name, KEYWORDS));
                continue;
            }
            if (modifiers.contains(modifier.get())) {
                problems.add(node, path, "modifier '" + name + "' is repeated in '" + key + "'");
                continue;
            }
            modifiers.add(modifier.get());
        }
        if (problems.size() == before) {
            checkCombination(key, keyword, modifiers, node, path, problems);
        }
        return problems.size() == before ? Optional.of(List.copyOf(modifiers)) : Optional.empty();
    }

    private static void checkCombination(String key, boolean keyword, List<Modifier> modifiers,
                                         Node node, String path, Problems problems) {
        String where = " in '" + key + "'";
        List<Modifier> positions = modifiers.stream().filter(MATCH_POSITION::contains).toList();
        if (positions.size() > 1) {
            problems.add(node, path, "'" + positions.get(0).keyword() + "' and '" + positions.get(1).keyword()
                    + "' cannot be combined" + where + "; use a wildcard ('*') in the value instead");
        }
        if (keyword) {
            modifiers.stream().filter(NEEDS_FIELD::contains).findFirst().ifPresent(m -> problems.add(node, path,
                    "modifier '" + m.keyword() + "' needs a field name" + where));
        }
        if (modifiers.contains(Modifier.EXISTS) && modifiers.size() > 1) {
            problems.add(node, path, "'exists' cannot be combined with other modifiers" + where);
        }
        int re = modifiers.indexOf(Modifier.RE);
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier m = modifiers.get(i);
            if (m.isRegexFlag() && (re < 0 || i < re)) {
                problems.add(node, path, "the regular expression flag '" + m.keyword() + "' must follow 're'" + where
                        + " (e.g. 'Field|re|" + m.keyword() + "')");
            }
        }
        if (re >= 0) {
            modifiers.stream().filter(m -> !ALLOWED_WITH_RE.contains(m)).findFirst().ifPresent(m -> problems.add(
                    node, path, "'re' cannot be combined with '" + m.keyword() + "'" + where
                            + (MATCH_POSITION.contains(m) ? "; a regular expression is not anchored, so it already "
                            + "matches anywhere (use ^ and $ to anchor it)" : "")));
        }
        if (re < 0 && modifiers.contains(Modifier.FIELDREF)) {
            modifiers.stream().filter(m -> !ALLOWED_WITH_FIELDREF.contains(m)).findFirst().ifPresent(m -> problems.add(
                    node, path, "'fieldref' cannot be combined with '" + m.keyword() + "'" + where));
        }
        if (re < 0 && !modifiers.contains(Modifier.FIELDREF) && modifiers.contains(Modifier.CIDR)) {
            modifiers.stream().filter(m -> !ALLOWED_WITH_CIDR.contains(m)).findFirst().ifPresent(m -> problems.add(
                    node, path, "'cidr' cannot be combined with '" + m.keyword() + "'" + where));
        }
        List<Modifier> comparisons = modifiers.stream().filter(Modifier::isNumericComparison).toList();
        if (comparisons.size() > 1) {
            problems.add(node, path, "only one of lt, lte, gt, gte can be used" + where
                    + "; use two items of the same selection for a range");
        }
        if (!comparisons.isEmpty() || modifiers.stream().anyMatch(Modifier::isTimePart)) {
            modifiers.stream().filter(m -> !ALLOWED_WITH_COMPARISON.contains(m)).findFirst().ifPresent(m ->
                    problems.add(node, path, "'" + m.keyword() + "' cannot be combined with numeric or time "
                            + "modifiers" + where));
        }
        List<Modifier> timeParts = modifiers.stream().filter(Modifier::isTimePart).toList();
        if (timeParts.size() > 1) {
            problems.add(node, path, "only one time part (minute, hour, day, week, month, year) can be used" + where);
        }
        checkEncodings(modifiers, where, node, path, problems);
    }

    /**
     * Encodings transform the value before it is matched, so they come before contains/startswith/endswith. A utf16
     * encoding without base64 is allowed: the value is matched as the encoded bytes, one character each (see
     * {@code docs/evaluation.md}).
     */
    private static void checkEncodings(List<Modifier> modifiers, String where, Node node,
                                       String path, Problems problems) {
        boolean base64 = modifiers.contains(Modifier.BASE64);
        boolean base64offset = modifiers.contains(Modifier.BASE64OFFSET);
        if (base64 && base64offset) {
            problems.add(node, path, "'base64' and 'base64offset' cannot be combined" + where);
        }
        List<Modifier> utf16 = modifiers.stream().filter(m -> m == Modifier.UTF16 || m == Modifier.UTF16LE
                || m == Modifier.UTF16BE || m == Modifier.WIDE).toList();
        if (utf16.size() > 1) {
            problems.add(node, path, "'" + utf16.get(0).keyword() + "' and '" + utf16.get(1).keyword()
                    + "' cannot be combined" + where);
        }
        int lastEncoding = -1;
        for (int i = 0; i < modifiers.size(); i++) {
            if (modifiers.get(i).isEncoding()) {
                lastEncoding = i;
            }
        }
        int base64Index = Math.max(modifiers.indexOf(Modifier.BASE64), modifiers.indexOf(Modifier.BASE64OFFSET));
        for (Modifier u : utf16) {
            if (base64Index >= 0 && modifiers.indexOf(u) > base64Index) {
                problems.add(node, path, "'" + u.keyword() + "' must come before '" + modifiers.get(base64Index)
                        .keyword() + "'" + where);
            }
        }
        for (int i = 0; i < lastEncoding; i++) {
            Modifier m = modifiers.get(i);
            if (MATCH_POSITION.contains(m) || m == Modifier.WINDASH || m == Modifier.EXPAND) {
                problems.add(node, path, "'" + m.keyword() + "' must come after the encoding modifiers" + where
                        + " (e.g. 'Field|base64offset|contains')");
                break;
            }
        }
    }
}
