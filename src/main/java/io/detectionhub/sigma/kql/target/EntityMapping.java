package io.detectionhub.sigma.kql.target;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns of a table identify one entity of an alert (Microsoft Sentinel's entity types: Host, Account,
 * Process...): identifier name to column, in the order written. A target declares them per table, beside its field
 * mappings ({@code entities:} in the definition), so that a deployed rule's alerts name what to investigate.
 */
public record EntityMapping(String type, Map<String, String> identifiers) {

    /**
     * Sentinel's entity types and the identifiers each accepts in an analytics rule's entity mapping
     * (learn.microsoft.com/azure/sentinel/entities-reference).
     */
    public static final Map<String, Set<String>> KNOWN = known();

    public EntityMapping {
        identifiers = Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
    }

    public List<String> columns() {
        return List.copyOf(identifiers.values());
    }

    /** {@code Host: HostName=DeviceName, ...} for explanations. */
    public String describe() {
        StringBuilder sb = new StringBuilder(type).append(": ");
        identifiers.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 2) == ':' ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static Map<String, Set<String>> known() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("Account", Set.of("Name", "FullName", "NTDomain", "DnsDomain", "UPNSuffix", "Sid", "AadTenantId",
                "AadUserId", "PUID", "IsDomainJoined", "DisplayName", "ObjectGuid", "CloudAppAccountId"));
        m.put("Host", Set.of("DnsDomain", "NTDomain", "HostName", "FullName", "NetBiosName", "AzureID", "OMSAgentID",
                "OSFamily", "OSVersion", "IsDomainJoined"));
        m.put("IP", Set.of("Address"));
        m.put("URL", Set.of("Url"));
        m.put("File", Set.of("Directory", "Name"));
        m.put("FileHash", Set.of("Algorithm", "Value"));
        m.put("Process", Set.of("ProcessId", "CommandLine", "ElevationToken", "CreationTimeUtc"));
        m.put("RegistryKey", Set.of("Hive", "Key"));
        m.put("RegistryValue", Set.of("Name", "Value", "ValueType"));
        m.put("DNS", Set.of("DomainName"));
        m.put("CloudApplication", Set.of("AppId", "Name", "InstanceName"));
        m.put("AzureResource", Set.of("ResourceId"));
        m.put("Mailbox", Set.of("MailboxPrimaryAddress", "DisplayName", "Upn", "ExternalDirectoryObjectId", "RiskLevel"));
        m.put("MailMessage", Set.of("Recipient", "Sender", "Subject", "NetworkMessageId", "InternetMessageId",
                "SenderIP", "DeliveryAction", "DeliveryLocation"));
        m.put("SecurityGroup", Set.of("DistinguishedName", "SID", "ObjectGuid"));
        m.put("Malware", Set.of("Name", "Category"));
        return Collections.unmodifiableMap(m);
    }
}
