package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.model.Condition;
import io.detectionhub.sigma.model.Detection;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Sigma model objects for unit tests without the parser (Sigma escaping of wildcards included). */
final class SigmaFixtures {

    private SigmaFixtures() {
    }

    static SigmaRule rule(LogSource logSource, Condition condition, SearchIdentifier... identifiers) {
        Map<String, SearchIdentifier> map = new LinkedHashMap<>();
        for (SearchIdentifier i : identifiers) {
            map.put(i.name(), i);
        }
        return new SigmaRule(metadata("Test rule", "11111111-2222-3333-4444-555555555555"), logSource,
                new Detection(map, List.of("condition"), List.of(condition), null));
    }

    static SigmaRule rule(LogSource logSource, DetectionItem... items) {
        return rule(logSource, new Condition.Identifier("selection"), selection("selection", items));
    }

    static RuleMetadata metadata(String title, String id) {
        return new RuleMetadata(title, id, null, "test", null, null, List.of(), null, null, null,
                List.of("attack.execution", "attack.t1059.001"), "high", List.of(), List.of(), List.of(), Map.of());
    }

    static SearchIdentifier selection(String name, DetectionItem... items) {
        return new SearchIdentifier(name, SearchIdentifier.Form.MAP, List.of(new DetectionMap(List.of(items))));
    }

    static SearchIdentifier anyOf(String name, DetectionMap... maps) {
        return new SearchIdentifier(name, SearchIdentifier.Form.LIST_OF_MAPS, List.of(maps));
    }

    static SearchIdentifier keywords(String name, Object... values) {
        return new SearchIdentifier(name, SearchIdentifier.Form.KEYWORDS,
                List.of(new DetectionMap(List.of(item("", values)))));
    }

    static DetectionMap map(DetectionItem... items) {
        return new DetectionMap(List.of(items));
    }

    /** {@code key} as written in a rule ({@code Field|mod|mod}, empty field for keywords); values as YAML gives them. */
    static DetectionItem item(String key, Object... values) {
        String[] parts = key.split("\\|", -1);
        List<Modifier> modifiers = new ArrayList<>();
        for (String m : Arrays.asList(parts).subList(1, parts.length)) {
            modifiers.add(Modifier.fromKeyword(m).orElseThrow());
        }
        boolean raw = modifiers.contains(Modifier.RE) || modifiers.contains(Modifier.FIELDREF);
        List<SigmaValue> list = new ArrayList<>();
        for (Object v : values) {
            list.add(value(v, raw));
        }
        return new DetectionItem(parts[0].isEmpty() ? null : parts[0], modifiers, list);
    }

    static SigmaValue value(Object v, boolean raw) {
        if (v == null) {
            return SigmaValue.Null.INSTANCE;
        }
        if (v instanceof Boolean b) {
            return new SigmaValue.Bool(b);
        }
        if (v instanceof Number n) {
            return SigmaValue.Number.of(n);
        }
        String s = (String) v;
        if (s.matches("%\\w+%")) {
            return new SigmaString(s, List.of(new SigmaString.Placeholder(s.substring(1, s.length() - 1))));
        }
        return raw ? new SigmaString(s, List.of(new SigmaString.Literal(s))) : sigmaString(s);
    }

    /** Sigma escaping: {@code \*}, {@code \?}, {@code \\} escape; any other backslash is itself. */
    static SigmaString sigmaString(String s) {
        List<SigmaString.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
                literal.append(s.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    parts.add(new SigmaString.Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(c == '*' ? new SigmaString.AnyChars() : new SigmaString.AnyChar());
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new SigmaString.Literal(literal.toString()));
        }
        return new SigmaString(s, parts);
    }

    static Condition id(String name) {
        return new Condition.Identifier(name);
    }

    static Condition and(Condition... c) {
        return new Condition.And(List.of(c));
    }

    static Condition or(Condition... c) {
        return new Condition.Or(List.of(c));
    }

    static Condition not(Condition c) {
        return new Condition.Not(c);
    }

    static final LogSource WINDOWS_PROCESS = new LogSource("process_creation", "windows", null, null);
}
