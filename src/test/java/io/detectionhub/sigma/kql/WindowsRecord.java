package io.detectionhub.sigma.kql;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Windows event log record as SigmaHQ's regression samples hold it: evtx_dump's {@code {"Event": {"System": ...,
 * "EventData": ...}}}, or NXLog's flat record (system fields and event data side by side). {@code data} holds the
 * event data by name, every value as the text Windows renders.
 */
public record WindowsRecord(String provider, String channel, int eventId, String computer, Map<String, String> system,
                            Map<String, String> data) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** NXLog's own fields of a flat record (the rest is the event data). */
    private static final Set<String> NXLOG_FIELDS = Set.of("EventTime", "Hostname", "Keywords", "EventType",
            "SeverityValue", "Severity", "EventID", "SourceName", "ProviderGuid", "Version", "Task", "OpcodeValue",
            "RecordNumber", "ProcessID", "ThreadID", "Channel", "Domain", "AccountName", "UserID", "AccountType",
            "Message", "Category", "Opcode", "EventReceivedTime", "SourceModuleName", "SourceModuleType");

    public boolean isSysmon(int... ids) {
        if (!"Microsoft-Windows-Sysmon".equals(provider)) {
            return false;
        }
        for (int id : ids) {
            if (id == eventId) {
                return true;
            }
        }
        return false;
    }

    public boolean isSecurity() {
        return "Security".equals(channel);
    }

    public String get(String field) {
        return data.getOrDefault(field, "");
    }

    /** Every record of a sample file (one JSON object after another). */
    public static List<WindowsRecord> readAll(String text) {
        List<WindowsRecord> records = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (values.hasNext()) {
                records.add(of((JsonNode) values.next()));
            }
        }
        return records;
    }

    static WindowsRecord of(JsonNode node) {
        if (node.has("Event")) {
            JsonNode system = node.get("Event").get("System");
            Map<String, String> systemFields = new LinkedHashMap<>();
            system.properties().forEach(e -> systemFields.put(e.getKey(), text(e.getValue())));
            Map<String, String> data = new LinkedHashMap<>();
            JsonNode eventData = node.get("Event").get("EventData");
            JsonNode userData = node.get("Event").get("UserData");
            if ((eventData == null || eventData.isNull()) && userData != null && userData.size() == 1) {
                // an event whose fields are in UserData (WMI-Activity 5858): the fields of its one element
                eventData = userData.properties().iterator().next().getValue();
            }
            if (eventData != null && eventData.isObject()) {
                eventData.properties().forEach(e -> {
                    if (!e.getKey().startsWith("#")) {
                        data.put(e.getKey(), text(e.getValue()));
                    }
                });
            }
            return new WindowsRecord(system.get("Provider").get("#attributes").get("Name").asString(),
                    system.get("Channel").asString(), eventId(system.get("EventID")), system.get("Computer").asString(),
                    systemFields, data);
        }
        Map<String, String> systemFields = new LinkedHashMap<>();
        Map<String, String> data = new LinkedHashMap<>();
        node.properties().forEach(e -> (NXLOG_FIELDS.contains(e.getKey()) ? systemFields : data)
                .put(e.getKey(), text(e.getValue())));
        return new WindowsRecord(node.get("SourceName").asString(), node.get("Channel").asString(),
                eventId(node.get("EventID")), node.get("Hostname").asString(), systemFields, data);
    }

    private static int eventId(JsonNode id) {
        return id.isObject() ? id.get("#text").asInt() : id.asInt();
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isObject() && value.has("#text")) {
            return value.get("#text").asString();
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
