package io.detectionhub.sigma.evaluation;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.model.LogSource;

/**
 * Sends each event only to the rules of its logsource.
 * <p>
 * A Windows event says what it is through {@code Channel} and {@code Provider_Name} (and {@code EventID}): the
 * channel gives the product and the services (pySigma's channel table), the provider and event id give the
 * categories (Sysmon event ids, Security 4688/4657, PowerShell 4103/4104, classic PowerShell 400/600/800); Winlogbeat's
 * {@code winlog.channel}, {@code winlog.provider_name} and {@code winlog.event_id} count as the same. A rule sees such
 * an event only when the service and category it sets are among these and its product is the event's operating
 * system or no operating system at all (see {@link #sees}), so an unmapped category never matches identified events
 * and an EventID from another provider never counts. Any other event is described by the hint
 * given with the upload and by what it says of itself in the ECS shape (see {@link #describe}): a rule sees it
 * unless an attribute conflicts (a Windows rule never sees an event from a Linux host). An event that says nothing
 * and comes without a hint is seen by every rule.
 */
final class LogSourceRouter {

    /** What an identified event is. */
    record Identity(String product, Set<String> services, Set<String> categories) {
    }

    private static final Map<String, List<String>> SERVICE_CHANNELS = new HashMap<>();
    private static final Map<String, List<String>> SYSMON_CATEGORIES = new HashMap<>();

    static {
        service("security", "Security");
        service("application", "Application");
        service("system", "System");
        service("sysmon", "Microsoft-Windows-Sysmon/Operational");
        service("powershell", "Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational");
        service("powershell-classic", "Windows PowerShell");
        service("taskscheduler", "Microsoft-Windows-TaskScheduler/Operational");
        service("wmi", "Microsoft-Windows-WMI-Activity/Operational");
        service("dns-server", "DNS Server");
        service("dns-server-audit", "Microsoft-Windows-DNS-Server/Audit");
        service("dns-server-analytic", "Microsoft-Windows-DNS-Server/Analytical");
        service("driver-framework", "Microsoft-Windows-DriverFrameworks-UserMode/Operational");
        service("ntlm", "Microsoft-Windows-NTLM/Operational");
        service("dhcp", "Microsoft-Windows-DHCP-Server/Operational");
        service("msexchange-management", "MSExchange Management");
        service("applocker", "Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL",
                "Microsoft-Windows-AppLocker/Packaged app-Deployment",
                "Microsoft-Windows-AppLocker/Packaged app-Execution");
        service("printservice-admin", "Microsoft-Windows-PrintService/Admin");
        service("printservice-operational", "Microsoft-Windows-PrintService/Operational");
        service("codeintegrity-operational", "Microsoft-Windows-CodeIntegrity/Operational");
        service("smbclient-security", "Microsoft-Windows-SmbClient/Security");
        service("firewall-as", "Microsoft-Windows-Windows Firewall With Advanced Security/Firewall");
        service("bits-client", "Microsoft-Windows-Bits-Client/Operational");
        service("windefend", "Microsoft-Windows-Windows Defender/Operational");
        service("terminalservices-localsessionmanager",
                "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational");
        service("microsoft-servicebus-client", "Microsoft-ServiceBus-Client");
        service("ldap_debug", "Microsoft-Windows-LDAP-Client/Debug");
        service("security-mitigations", "Microsoft-Windows-Security-Mitigations/Kernel Mode",
                "Microsoft-Windows-Security-Mitigations/User Mode");
        service("diagnosis-scripted", "Microsoft-Windows-Diagnosis-Scripted/Operational");
        service("shell-core", "Microsoft-Windows-Shell-Core/Operational");
        service("openssh", "OpenSSH/Operational");
        service("bitlocker", "Microsoft-Windows-BitLocker/BitLocker Management");
        service("ldap", "Microsoft-Windows-LDAP-Client/Debug");
        service("appmodel-runtime", "Microsoft-Windows-AppModel-Runtime/Admin");
        service("appxdeployment-server", "Microsoft-Windows-AppXDeploymentServer/Operational");
        service("appxpackaging-om", "Microsoft-Windows-AppxPackaging/Operational");
        service("capi2", "Microsoft-Windows-CAPI2/Operational");
        service("certificateservicesclient-lifecycle-system",
                "Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational");
        service("dns-client", "Microsoft-Windows-DNS Client Events/Operational");
        service("iis-configuration", "Microsoft-IIS-Configuration/Operational");
        service("lsa-server", "Microsoft-Windows-LSA/Operational");
        service("smbclient-connectivity", "Microsoft-Windows-SmbClient/Connectivity");
        service("smbserver-connectivity", "Microsoft-Windows-SMBServer/Connectivity");
        service("ntfs", "Microsoft-Windows-Ntfs/Operational");
        service("vhdmp", "Microsoft-Windows-VHDMP-Operational");

        sysmon("1", "process_creation");
        sysmon("2", "file_change");
        sysmon("3", "network_connection");
        sysmon("4", "sysmon_status");
        sysmon("5", "process_termination");
        sysmon("6", "driver_load");
        sysmon("7", "image_load");
        sysmon("8", "create_remote_thread");
        sysmon("9", "raw_access_thread");
        sysmon("10", "process_access");
        sysmon("11", "file_event");
        sysmon("12", "registry_add", "registry_delete", "registry_event");
        sysmon("13", "registry_set", "registry_event");
        sysmon("14", "registry_rename", "registry_event");
        sysmon("15", "create_stream_hash");
        sysmon("16", "sysmon_status");
        sysmon("17", "pipe_created");
        sysmon("18", "pipe_created");
        sysmon("19", "wmi_event");
        sysmon("20", "wmi_event");
        sysmon("21", "wmi_event");
        sysmon("22", "dns_query");
        sysmon("23", "file_delete");
        sysmon("24", "clipboard_capture");
        sysmon("25", "process_tampering");
        sysmon("26", "file_delete_detected", "file_delete");
        sysmon("27", "file_block_executable");
        sysmon("28", "file_block_shredding");
        sysmon("29", "file_executable_detected");
        sysmon("255", "sysmon_error");
    }

    private static void service(String service, String... channels) {
        SERVICE_CHANNELS.put(service, java.util.Arrays.stream(channels).map(LogSourceRouter::lower).toList());
    }

    private static void sysmon(String eventId, String... categories) {
        SYSMON_CATEGORIES.put(eventId, List.of(categories));
    }

    private static final int CACHE_LIMIT = 4096;

    private final List<LogSource> logsources;
    private final BitSet everyone;
    private final Map<String, BitSet> cache = new ConcurrentHashMap<>();

    LogSourceRouter(List<LogSource> ruleLogsources) {
        this.logsources = List.copyOf(ruleLogsources);
        this.everyone = new BitSet();
        this.everyone.set(0, logsources.size());
    }

    /** Indexes of the rules that may see this event (shared: callers must not modify it). */
    BitSet candidates(Event event, LogSource hint) {
        String channel = first(event, "channel", "winlog.channel");
        String provider = first(event, "provider_name", "winlog.provider_name");
        if (channel == null && provider == null) {
            LogSource described = describe(event, hint);
            if (described == null) {
                return everyone;
            }
            return cached("hint\u0001" + described.product() + '\u0001' + described.category() + '\u0001'
                    + described.service(), () -> select(ls -> compatible(ls, described)));
        }
        String eventId = first(event, "eventid", "winlog.event_id");
        String operation = "4657".equals(eventId) ? first(event, "operationtype") : null;
        String key = channel + '\u0001' + provider + '\u0001' + eventId + '\u0001' + operation;
        return cached(key, () -> {
            Identity identity = identify(channel, provider, eventId, operation);
            return select(ls -> sees(ls, identity));
        });
    }

    /**
     * Why {@link #candidates} leaves the rule of this logsource out for this event, in words, by the same tests; null
     * when the rule sees the event.
     */
    static String routedAway(LogSource rule, Event event, LogSource hint) {
        String channel = first(event, "channel", "winlog.channel");
        String provider = first(event, "provider_name", "winlog.provider_name");
        if (channel == null && provider == null) {
            LogSource described = describe(event, hint);
            if (described == null || compatible(rule, described)) {
                return null;
            }
            String source = hint != null ? "the upload's logsource hint" : "the event's own fields (ECS host.os, "
                    + "event.category/type)";
            return "by " + source + " the event is " + described + ", and the rule's logsource is " + rule;
        }
        String eventId = first(event, "eventid", "winlog.event_id");
        String operation = "4657".equals(eventId) ? first(event, "operationtype") : null;
        Identity identity = identify(channel, provider, eventId, operation);
        if (sees(rule, identity)) {
            return null;
        }
        StringBuilder said = new StringBuilder();
        if (channel != null) {
            said.append("Channel '").append(channel).append("'");
        }
        if (provider != null) {
            said.append(said.isEmpty() ? "" : ", ").append("Provider_Name '").append(provider).append("'");
        }
        if (eventId != null) {
            said.append(", EventID ").append(eventId);
        }
        List<String> why = new java.util.ArrayList<>();
        if (rule.product() != null && !rule.product().equals(identity.product())
                && OPERATING_SYSTEMS.contains(lower(rule.product()))) {
            why.add("the rule is for product " + rule.product() + ", the event is from " + identity.product());
        }
        if (rule.service() != null && !identity.services().contains(rule.service())) {
            why.add("the rule needs service " + rule.service() + ", the event's services are "
                    + new java.util.TreeSet<>(identity.services()));
        }
        if (rule.category() != null && !identity.categories().contains(rule.category())) {
            why.add("the rule needs category " + rule.category() + ", the event's categories are "
                    + new java.util.TreeSet<>(identity.categories()));
        }
        return said + " identify the event: " + String.join("; ", why);
    }

    private BitSet cached(String key, java.util.function.Supplier<BitSet> compute) {
        BitSet c = cache.get(key);
        if (c == null) {
            c = compute.get();
            if (cache.size() < CACHE_LIMIT) {
                cache.put(key, c);
            }
        }
        return c;
    }

    private BitSet select(java.util.function.Predicate<LogSource> test) {
        BitSet out = new BitSet(logsources.size());
        for (int i = 0; i < logsources.size(); i++) {
            if (test.test(logsources.get(i))) {
                out.set(i);
            }
        }
        return out;
    }

    static Identity identify(String channel, String provider, String eventId, String operationType) {
        String ch = channel == null ? "" : lower(channel);
        String pv = provider == null ? "" : lower(provider);
        boolean linux = ch.startsWith("linux-") || pv.startsWith("linux-");
        Set<String> services = new HashSet<>();
        Set<String> categories = new HashSet<>();
        SERVICE_CHANNELS.forEach((service, channels) -> {
            if (channels.contains(ch)) {
                services.add(service);
            }
        });
        boolean sysmon = services.contains("sysmon") || pv.equals("microsoft-windows-sysmon")
                || ch.equals("linux-sysmon/operational") || pv.equals("linux-sysmon");
        if (sysmon) {
            services.add("sysmon");
            if (eventId != null) {
                categories.addAll(SYSMON_CATEGORIES.getOrDefault(eventId, List.of()));
            }
        }
        boolean security = ch.equals("security") || pv.equals("microsoft-windows-security-auditing");
        if (security && !linux) {
            services.add("security");
            if ("4688".equals(eventId)) {
                categories.add("process_creation");
            } else if ("4657".equals(eventId)) {
                categories.add("registry_event");
                String op = operationType == null ? "" : lower(operationType);
                if (op.contains("existing registry value modified")) {
                    categories.add("registry_set");
                } else if (op.contains("new registry value created")) {
                    categories.add("registry_add");
                }
            }
        }
        if (services.contains("powershell")) {
            if ("4103".equals(eventId)) {
                categories.add("ps_module");
            } else if ("4104".equals(eventId)) {
                categories.add("ps_script");
            }
        }
        if (services.contains("powershell-classic")) {
            switch (eventId == null ? "" : eventId) {
                case "400" -> categories.add("ps_classic_start");
                case "600" -> categories.add("ps_classic_provider_start");
                case "800" -> categories.add("ps_classic_script");
                default -> { }
            }
        }
        return new Identity(linux ? "linux" : "windows", services, categories);
    }

    /**
     * The channel tells the event's operating system, services and categories: a rule of another operating system
     * never sees it, and a service or category the rule names must be among the event's. A product that is not an
     * operating system (an application such as {@code jvm}, or a product of the user's own such as
     * {@code conformance}) says nothing about Windows, so the channel does not rule it out by its product.
     */
    static boolean sees(LogSource rule, Identity identity) {
        return (rule.product() == null || rule.product().equals(identity.product())
                || !OPERATING_SYSTEMS.contains(lower(rule.product())))
                && (rule.service() == null || identity.services().contains(rule.service()))
                && (rule.category() == null || identity.categories().contains(rule.category()));
    }

    static boolean compatible(LogSource rule, LogSource hint) {
        return agrees(rule.product(), hint.product()) && agrees(rule.category(), hint.category())
                && agrees(rule.service(), hint.service());
    }

    private static boolean agrees(String rule, String hint) {
        return rule == null || hint == null || Objects.equals(lower(rule), lower(hint));
    }

    private static String first(Event event, String key) {
        List<EventValue> v = event.values(key);
        return v.isEmpty() || v.get(0).isNull() ? null : v.get(0).text();
    }

    private static String first(Event event, String key, String otherKey) {
        String value = first(event, key);
        return value != null ? value : first(event, otherKey);
    }

    private static final Set<String> OPERATING_SYSTEMS = Set.of("linux", "windows", "macos");
    private static final List<String> OS_KEYS = List.of("host.os.type", "host.os.family", "os.type");

    /**
     * What an event without a Windows channel says about itself in the Elastic Common Schema (ECS) shape: the
     * operating system ({@code host.os.type}, {@code host.os.family}, {@code os.type}) gives the product, a process
     * start ({@code event.category: process}, {@code event.type: start}) the process_creation category. The
     * upload's hint wins where both say something. Null when nothing is known.
     */
    static LogSource describe(Event event, LogSource hint) {
        String product = hint != null && hint.product() != null ? hint.product() : ecsProduct(event);
        String category = hint != null && hint.category() != null ? hint.category() : ecsCategory(event);
        String service = hint == null ? null : hint.service();
        if (product == null && category == null && service == null) {
            return null;
        }
        return new LogSource(category, product, service, null);
    }

    private static String ecsProduct(Event event) {
        for (String key : OS_KEYS) {
            String value = first(event, key);
            if (value != null && OPERATING_SYSTEMS.contains(lower(value))) {
                return lower(value);
            }
        }
        return null;
    }

    private static String ecsCategory(Event event) {
        boolean process = event.values("event.category").stream()
                .anyMatch(v -> !v.isNull() && "process".equalsIgnoreCase(v.text()));
        boolean start = event.values("event.type").stream()
                .anyMatch(v -> !v.isNull() && "start".equalsIgnoreCase(v.text()));
        return process && start ? "process_creation" : null;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
