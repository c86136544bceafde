package io.detectionhub.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sentinel data connector that fills a table, for the YAML's {@code requiredDataConnectors} (connector ids as the
 * Azure-Sentinel repository lists them). ASIM parsers read many connectors' tables: none is named for them, as
 * Microsoft's own ASIM rules do.
 */
final class DataConnectors {

    private static final Map<String, String> BY_TABLE = Map.ofEntries(
            Map.entry("SecurityEvent", "SecurityEvents"),
            Map.entry("WindowsEvent", "WindowsForwardedEvents"),
            Map.entry("Syslog", "Syslog"),
            Map.entry("AzureActivity", "AzureActivity"),
            Map.entry("SigninLogs", "AzureActiveDirectory"),
            Map.entry("AuditLogs", "AzureActiveDirectory"),
            Map.entry("OfficeActivity", "Office365"),
            Map.entry("AWSCloudTrail", "AWS"),
            Map.entry("GCPAuditLogs", "GCPAuditLogsDefinition"),
            Map.entry("W3CIISLog", "AzureMonitor(IIS)"));

    private DataConnectors() {
    }

    static List<Map<String, Object>> of(List<String> tables) {
        Map<String, List<String>> byConnector = new LinkedHashMap<>();
        for (String table : tables) {
            String connector = table.startsWith("Device") || table.equals("AADSignInEventsBeta")
                    || table.equals("CloudAuditEvents") ? "MicrosoftThreatProtection" : BY_TABLE.get(table);
            if (connector != null) {
                byConnector.computeIfAbsent(connector, k -> new ArrayList<>()).add(table);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        byConnector.forEach((connector, dataTypes) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectorId", connector);
            m.put("dataTypes", dataTypes);
            result.add(m);
        });
        return result;
    }
}
