package io.detectionhub.sigma.evaluation.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Windows Security event 4688 (a process was created) is routed to the process_creation rules, which are written
 * with Sysmon's field names. Its own fields are made reachable under those names, as pySigma's Windows audit
 * pipeline maps them: {@code Image} from {@code NewProcessName}, {@code ParentImage} from {@code ParentProcessName},
 * {@code User} as {@code SubjectDomainName\SubjectUserName}, {@code IntegrityLevel} from the {@code MandatoryLabel}
 * SID (Low, Medium, High, System). A field the event already has under the Sysmon name is left as it is.
 */
final class SecurityProcessCreation {

    private static final Map<String, String> INTEGRITY_LEVELS = Map.of("s-1-16-4096", "Low", "s-1-16-8192",
            "Medium", "s-1-16-8448", "Medium Plus", "s-1-16-12288", "High", "s-1-16-16384", "System");

    private SecurityProcessCreation() {
    }

    /** Reads the event's values by key; adds each new key through {@code add}. */
    static void addSysmonNames(Map<String, List<EventValue>> byKey, BiConsumer<String, List<EventValue>> add) {
        if (!is(byKey, "eventid", "4688") || !is(byKey, "channel", "security")) {
            return;
        }
        alias(byKey, add, "image", byKey.get("newprocessname"));
        alias(byKey, add, "parentimage", byKey.get("parentprocessname"));
        String user = text(byKey, "subjectusername");
        if (user != null) {
            String domain = text(byKey, "subjectdomainname");
            alias(byKey, add, "user", List.of(EventValue.string(domain == null || domain.isEmpty() ? user
                    : domain + "\\" + user)));
        }
        String label = text(byKey, "mandatorylabel");
        String level = label == null ? null : INTEGRITY_LEVELS.get(label.toLowerCase(java.util.Locale.ROOT));
        if (level != null) {
            alias(byKey, add, "integritylevel", List.of(EventValue.string(level)));
        }
    }

    private static boolean is(Map<String, List<EventValue>> byKey, String key, String expected) {
        String value = text(byKey, key);
        return value != null && value.equalsIgnoreCase(expected);
    }

    private static String text(Map<String, List<EventValue>> byKey, String key) {
        List<EventValue> values = byKey.get(key);
        return values == null || values.isEmpty() || values.get(0).isNull() ? null : values.get(0).text();
    }

    private static void alias(Map<String, List<EventValue>> byKey, BiConsumer<String, List<EventValue>> add,
                              String key, List<EventValue> values) {
        if (values != null && !byKey.containsKey(key)) {
            add.accept(key, new ArrayList<>(values));
        }
    }
}
