package io.detectionhub.deployment;

import java.util.Map;
import java.util.Optional;

/**
 * ATT&amp;CK tactic short names as Microsoft Sentinel names them (the tactics the Azure-Sentinel repository's checks
 * accept). ATT&amp;CK v19's Stealth (TA0005, the renamed Defense Evasion) and Defense Impairment (TA0112, split from it)
 * are not Sentinel tactics yet: both are exported as DefenseEvasion, with a warning.
 */
final class SentinelTactics {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("reconnaissance", "Reconnaissance"),
            Map.entry("resource-development", "ResourceDevelopment"),
            Map.entry("initial-access", "InitialAccess"),
            Map.entry("execution", "Execution"),
            Map.entry("persistence", "Persistence"),
            Map.entry("privilege-escalation", "PrivilegeEscalation"),
            Map.entry("defense-evasion", "DefenseEvasion"),
            Map.entry("credential-access", "CredentialAccess"),
            Map.entry("discovery", "Discovery"),
            Map.entry("lateral-movement", "LateralMovement"),
            Map.entry("collection", "Collection"),
            Map.entry("command-and-control", "CommandAndControl"),
            Map.entry("exfiltration", "Exfiltration"),
            Map.entry("impact", "Impact"),
            Map.entry("impair-process-control", "ImpairProcessControl"),
            Map.entry("inhibit-response-function", "InhibitResponseFunction"));

    /** v19 tactics Sentinel does not know, and the Sentinel tactic they are exported as. */
    static final Map<String, String> SUBSTITUTES = Map.of(
            "stealth", "DefenseEvasion",
            "defense-impairment", "DefenseEvasion");

    private SentinelTactics() {
    }

    static Optional<String> of(String shortName) {
        return Optional.ofNullable(NAMES.get(shortName));
    }
}
