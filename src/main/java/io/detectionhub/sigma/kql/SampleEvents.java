package io.detectionhub.sigma.kql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.DetectionItem;
import io.detectionhub.sigma.model.DetectionMap;
import io.detectionhub.sigma.model.Modifier;
import io.detectionhub.sigma.model.SearchIdentifier;
import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaValue;

/**
 * Events made from a rule's own values: what the KQL semantics test ({@code CorpusSemanticsTest}) evaluates and
 * runs through the translated queries, and the starting point the rule tests propose to an author. The values are
 * those a real record can hold (a registry path starts with its root, a set registry value has data); the encodings
 * of {@code base64}, {@code utf16} and {@code windash} are those of the KQL translation ({@code ValueEncodings}).
 * Whether an event matches is never decided here: callers evaluate the events.
 */
public final class SampleEvents {

    private static final Pattern REGISTRY_ROOT = Pattern.compile("(?i)(HKLM|HKU|HKCR|HKCU|HKEY_[A-Z_]+)\\\\");
    /** Rules whose events cannot be generated from their values (regular expressions, keywords, placeholders...). */
    private static final Set<Modifier> UNSYNTHESIZABLE = Set.of(Modifier.RE, Modifier.FIELDREF, Modifier.EXPAND,
            Modifier.CIDR);

    private SampleEvents() {
    }

    /** Channels of the Windows services, as the azure-monitor target requires them. */
    private static final Map<String, String> CHANNELS = new HashMap<>();

    static {
        for (var rule : TargetRegistry.builtIn().find("azure-monitor").orElseThrow().logsources()) {
            List<String> channel = rule.require().get("Channel");
            if (rule.service() != null && channel != null) {
                CHANNELS.put(rule.service(), channel.get(0));
            }
        }
        CHANNELS.put("security", "Security");
    }

    /**
     * Events made from the rule's values: per map of each search identifier, one event that satisfies it, then the
     * same with each of its items taken away and with each changed to an unrelated value, and last the first maps of
     * all search identifiers at once; at most 40. Windows events carry the channel of the rule's service. Empty when
     * the rule has values no event can be made from (regular expressions, keywords, field references, placeholders,
     * networks).
     */
    public static List<Map<String, Object>> fromValues(SigmaRule rule) {
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, Object> union = new LinkedHashMap<>();
        for (SearchIdentifier identifier : rule.detection().identifiers().values()) {
            for (DetectionMap map : identifier.maps()) {
                Map<String, Object> event = new LinkedHashMap<>();
                for (DetectionItem item : map.items()) {
                    if (!put(event, item)) {
                        return List.of();
                    }
                }
                if (event.isEmpty()) {
                    continue;
                }
                events.add(event);
                if (identifier.maps().indexOf(map) == 0) {
                    union.putAll(event);
                }
                for (DetectionItem item : map.items()) {
                    Map<String, Object> without = new LinkedHashMap<>(event);
                    without.remove(item.field());
                    if (!without.isEmpty()) {
                        events.add(without);
                    }
                    Map<String, Object> changed = new LinkedHashMap<>(event);
                    changed.put(item.field(), "unrelated value");
                    events.add(changed);
                }
            }
        }
        if (!union.isEmpty()) {
            events.add(union);
        }
        // a Windows event log says which channel it is from (the engine routes service logsources by it)
        String channel = CHANNELS.get(rule.logsource().service());
        if (channel != null && "windows".equals(rule.logsource().product())) {
            events.forEach(e -> e.putIfAbsent("Channel", channel));
        }
        // Sysmon writes Details for every value it sets ((Empty) for empty data): a set value without it is never real
        boolean setsValues = "registry_set".equals(rule.logsource().category());
        for (Map<String, Object> e : events) {
            if (e.containsKey("TargetObject") && !e.containsKey("Details")
                    && (setsValues || "SetValue".equals(e.get("EventType")))) {
                e.put("Details", "unrelated value");
            }
        }
        return events.size() > 40 ? events.subList(0, 40) : events;
    }

    /** Adds a value that satisfies the item; false when none can be made from the rule's text. */
    private static boolean put(Map<String, Object> event, DetectionItem item) {
        if (item.isKeyword() || item.modifiers().stream().anyMatch(UNSYNTHESIZABLE::contains)
                || item.values().isEmpty()) {
            return false;
        }
        if (item.has(Modifier.EXISTS)) {
            if (item.values().get(0) instanceof SigmaValue.Bool b && b.value()) {
                event.put(item.field(), "present");
            }
            return true;
        }
        List<SigmaValue> values = item.matchesAllValues() ? item.values() : List.of(item.values().get(0));
        StringBuilder text = new StringBuilder();
        for (SigmaValue v : values) {
            if (v instanceof SigmaValue.Null) {
                return true;
            }
            if (item.has(Modifier.NEQ)) {
                event.put(item.field(), "other value");
                return true;
            }
            if (v instanceof SigmaValue.Number n && values.size() == 1 && item.modifiers().isEmpty()) {
                java.math.BigDecimal d = new java.math.BigDecimal(n.asText()).stripTrailingZeros();
                event.put(item.field(), d.scale() <= 0 ? (Object) d.longValueExact() : d.doubleValue());
                return true;
            }
            String t = v instanceof SigmaString s ? literal(s) : v.asText();
            if (t == null) {
                return false;
            }
            if (item.modifiers().stream().anyMatch(Modifier::isNumericComparison)) {
                long n = Long.parseLong(t.trim().split("\\.")[0]);
                n += item.has(Modifier.GT) ? 1 : item.has(Modifier.LT) ? -1 : 0;
                event.put(item.field(), n);
                return true;
            }
            if (ValueEncodings.encodes(item)) {
                t = ValueEncodings.encode(t, item).get(0);
            }
            if (item.has(Modifier.CONTAINS)) {
                // a registry path starts with its root: text before a root only happens in generated values
                t = (REGISTRY_ROOT.matcher(t).lookingAt() ? "" : "A ") + t + " Z";
            } else if (item.has(Modifier.STARTSWITH)) {
                t = t + "Z";
            } else if (item.has(Modifier.ENDSWITH)) {
                t = "A" + t;
            }
            text.append(text.isEmpty() ? "" : " ").append(t);
        }
        Object previous = event.get(item.field());
        event.put(item.field(), previous instanceof String p && item.has(Modifier.CONTAINS) ? p + " " + text : text.toString());
        return true;
    }

    /** The text a wildcard pattern matches with every * empty and every ? an x; null for placeholders. */
    private static String literal(SigmaString s) {
        StringBuilder sb = new StringBuilder();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Literal l) {
                sb.append(l.text());
            } else if (p instanceof SigmaString.AnyChar) {
                sb.append('x');
            } else if (p instanceof SigmaString.Placeholder) {
                return null;
            }
        }
        return sb.toString();
    }
}
