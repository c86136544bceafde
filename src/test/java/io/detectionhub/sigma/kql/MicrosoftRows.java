package io.detectionhub.sigma.kql;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The row each Microsoft table holds for a Windows event record, written from Microsoft's own description of the
 * data path, independently of the targets' field mappings (which the rows are there to test):
 * <ul>
 * <li>{@code WindowsEvent}: the Azure Monitor agent's Microsoft-WindowsEvent stream; {@code EventData} is a property
 * bag keyed by the event's field names, read as {@code tostring(EventData.Name)} by Microsoft's parsers.</li>
 * <li>{@code SecurityEvent}: Windows Security events, one column per event field the table schema has
 * ({@code ../shared/data/kusto-schemas}); other fields stay in the XML of its EventData column.</li>
 * <li>ASIM {@code imProcessCreate}, {@code imRegistry}, {@code imFileEvent}: Microsoft's Sysmon parsers for
 * WindowsEvent in the Azure-Sentinel repository (Parsers/ASimProcessEvent/Parsers/
 * vimProcessCreateMicrosoftSysmonWidowsEvent.yaml, Parsers/ASimRegistryEvent/Parsers/
 * vimRegistryEventMicrosoftSysmonWindowsEvent.yaml, Parsers/ASimFileEvent/Parsers/
 * vimFileEventMicrosoftSysmonWindowsEvent.yaml), column by column.</li>
 * <li>Defender XDR {@code Device*Events}: the row Defender for Endpoint records for the same activity, column meanings
 * from the advanced hunting table reference (learn.microsoft.com/defender-xdr/advanced-hunting-*-table): paths in
 * {@code FolderPath} with the file name, the account split into domain and name, hashes by algorithm, the logon id as a
 * number, registry hives spelled out with user hives under {@code HKEY_CURRENT_USER\<SID>}, registry data as the value
 * (a DWORD as its decimal number, an empty string empty), deleted keys and values only in the Previous* columns;
 * {@code DeviceEvents} action types with their fields in the JSON text {@code AdditionalFields}
 * ({@code DnsQueryString} as in Microsoft's SC-200 lab queries, the pipe's device path {@code \Device\NamedPipe\name}
 * as published Defender hunting write-ups show it).</li>
 * </ul>
 * A table that holds no row for the record answers empty; a record kind a table holds but this class has no shape for
 * fails loudly, so that a new sample is never compared against a guessed row.
 */
public final class MicrosoftRows {

    private static final Pattern HASH = Pattern.compile("([A-Za-z0-9]+)=([0-9A-Fa-f]+)");
    private static final Pattern DWORD = Pattern.compile("DWORD \\(0x([0-9a-fA-F]{8})\\)");
    private static final Pattern QWORD = Pattern.compile("QWORD \\(0x([0-9a-fA-F]{8})-0x([0-9a-fA-F]{8})\\)");
    /** The hives of vimRegistryEventMicrosoftSysmon*.yaml's {@code Hives} datatable. */
    private static final Map<String, String> ASIM_HIVES = Map.of("HKLM", "HKEY_LOCAL_MACHINE", "HKU", "HKEY_USERS",
            "HKCR", "HKEY_LOCAL_MACHINE\\Classes");
    private static final Map<String, String> ASIM_REGISTRY_EVENT = Map.of("CreateKey", "RegistryKeyCreated",
            "DeleteKey", "RegistryKeyDeleted", "DeleteValue", "RegistryValueDeleted", "SetValue", "RegistryValueSet",
            "RenameKey", "RegistryKeyRenamed");

    private final Set<String> securityEventColumns;

    private MicrosoftRows(Set<String> securityEventColumns) {
        this.securityEventColumns = securityEventColumns;
    }

    /** Reads the SecurityEvent columns from the shared Kusto schemas. */
    public static MicrosoftRows load(Path shared) {
        try {
            JsonNode schemas = JsonMapper.builder().build().readTree(
                    Files.readString(shared.resolve("data/kusto-schemas/azure-monitor.json")));
            Set<String> columns = new TreeSet<>();
            schemas.get("SecurityEvent").properties().forEach(e -> columns.add(e.getKey()));
            return new MicrosoftRows(columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The row {@code table} holds for the record, empty when it holds none. */
    public Optional<Map<String, String>> row(WindowsRecord r, String table) {
        return switch (table) {
            case "WindowsEvent" -> r.isSecurity() ? Optional.empty() : Optional.of(windowsEvent(r));
            case "SecurityEvent" -> r.isSecurity() ? Optional.of(securityEvent(r)) : Optional.empty();
            case "imProcessCreate" -> r.isSysmon(1) ? Optional.of(asimProcessCreate(r)) : Optional.empty();
            case "imRegistry" -> r.isSysmon(12, 13, 14) ? Optional.of(asimRegistry(r)) : Optional.empty();
            case "imFileEvent" -> r.isSysmon(11, 23, 26) ? Optional.of(asimFileEvent(r)) : Optional.empty();
            case "imNetworkSession", "_Im_Dns" -> unwritten(r, table, 3, 22);
            case "DeviceProcessEvents" -> r.isSysmon(1) ? Optional.of(defenderProcess(r)) : Optional.empty();
            case "DeviceRegistryEvents" -> r.isSysmon(12, 13, 14) ? Optional.of(defenderRegistry(r)) : Optional.empty();
            case "DeviceFileEvents" -> r.isSysmon(11, 23, 26) ? Optional.of(defenderFile(r)) : unwritten(r, table, 2, 15);
            case "DeviceImageLoadEvents" -> r.isSysmon(7) ? Optional.of(defenderImageLoad(r)) : Optional.empty();
            case "DeviceNetworkEvents" -> unwritten(r, table, 3);
            case "DeviceEvents" -> r.isSysmon(10) ? Optional.of(defenderProcessAccess(r))
                    : r.isSysmon(17, 18) ? Optional.of(defenderPipe(r)) : unwritten(r, table, 6, 8, 22);
            default -> throw new UnsupportedOperationException("no row shape written for table " + table);
        };
    }

    private static Optional<Map<String, String>> unwritten(WindowsRecord r, String table, int... sysmonIds) {
        if (r.isSysmon(sysmonIds)) {
            throw new UnsupportedOperationException("no row shape written for Sysmon event " + r.eventId() + " in " + table);
        }
        return Optional.empty();
    }

    // ---- Log Analytics -----------------------------------------------------------------------------------------------

    private static Map<String, String> windowsEvent(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Provider", r.provider());
        row.put("Channel", r.channel());
        row.put("EventID", Integer.toString(r.eventId()));
        row.put("Computer", r.computer());
        row.put("EventLevel", r.system().getOrDefault("Level", ""));
        row.put("Task", r.system().getOrDefault("Task", ""));
        row.put("Version", r.system().getOrDefault("Version", ""));
        r.data().forEach((name, value) -> row.put("EventData." + name, value));
        return row;
    }

    private Map<String, String> securityEvent(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("EventID", Integer.toString(r.eventId()));
        row.put("Channel", r.channel());
        row.put("Computer", r.computer());
        row.put("EventSourceName", r.provider());
        r.data().forEach((name, value) -> {
            if (securityEventColumns.contains(name)) {
                row.put(name, value);
            }
        });
        return row;
    }

    // ---- ASIM (Microsoft's Sysmon parsers for WindowsEvent) ---------------------------------------------------------

    private static Map<String, String> asimProcessCreate(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        Map<String, String> hashes = hashes(r.get("Hashes"));
        row.put("TargetProcessMD5", hashes.getOrDefault("MD5", ""));
        row.put("TargetProcessSHA1", hashes.getOrDefault("SHA1", ""));
        row.put("TargetProcessSHA256", hashes.getOrDefault("SHA256", ""));
        row.put("TargetProcessIMPHASH", hashes.getOrDefault("IMPHASH", ""));
        row.put("TargetUserSessionId", r.get("LogonId"));
        row.put("TargetUsername", r.get("User"));
        row.put("TargetProcessCommandLine", r.get("CommandLine"));
        row.put("TargetProcessCurrentDirectory", r.get("CurrentDirectory"));
        row.put("TargetProcessId", r.get("ProcessId"));
        row.put("TargetProcessGuid", r.get("ProcessGuid"));
        row.put("TargetProcessName", r.get("Image"));
        row.put("TargetProcessFilename", r.get("OriginalFileName"));
        row.put("TargetProcessIntegrityLevel", r.get("IntegrityLevel"));
        row.put("TargetProcessFileCompany", r.get("Company"));
        row.put("TargetProcessFileDescription", r.get("Description"));
        row.put("TargetProcessFileVersion", r.get("FileVersion"));
        row.put("TargetProcessFileProduct", r.get("Product"));
        row.put("ActingProcessId", r.get("ParentProcessId"));
        row.put("ActingProcessGuid", r.get("ParentProcessGuid"));
        row.put("ActingProcessCommandLine", r.get("ParentCommandLine"));
        row.put("ActingProcessName", r.get("ParentImage"));
        row.put("ActorUsername", r.get("ParentUser"));
        row.put("EventType", "ProcessCreated");
        row.put("CommandLine", r.get("CommandLine"));
        row.put("User", r.get("User"));
        row.put("Process", r.get("Image"));
        return row;
    }

    private static Map<String, String> asimRegistry(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        String eventType = ASIM_REGISTRY_EVENT.getOrDefault(r.get("EventType"), "");
        // parse TargetObject with KeyPrefix "\\" KeyMain | lookup Hives on KeyPrefix | Key = strcat(Hive, "\\", KeyMain)
        String key = spelledOut(r.get("TargetObject"));
        // the parser reads the data of a value from EventData.Parameter, a field Sysmon's events do not have (Sysmon
        // calls it Details): RegistryValueData and the renamed key stay empty for Sysmon events in WindowsEvent
        String parameter = r.get("Parameter");
        boolean valueEvent = eventType.equals("RegistryValueSet") || eventType.equals("RegistryValueDeleted");
        int last = key.lastIndexOf('\\');
        String value = "";
        if (valueEvent && last > 0 && last < key.length() - 1) {
            value = key.substring(last + 1);
            key = key.substring(0, last);
        } else if (valueEvent) {
            key = "";
        }
        String newName = spelledOut(parameter);
        int newLast = newName.lastIndexOf('\\');
        String newKey = newLast > 0 && newLast < newName.length() - 1 ? newName.substring(0, newLast) : "";
        row.put("EventType", eventType);
        row.put("EventOriginalSubType", r.get("EventType"));
        row.put("ActorUsername", r.get("User"));
        row.put("ActingProcessId", r.get("ProcessId"));
        row.put("ActingProcessGuid", r.get("ProcessGuid").replaceAll("^\\{(.*)}$", "$1"));
        row.put("ActingProcessName", r.get("Image"));
        row.put("RegistryKey", eventType.equals("RegistryKeyRenamed") ? newKey : key);
        row.put("RegistryValue", valueEvent ? value : "");
        row.put("RegistryValueData", eventType.equals("RegistryValueSet") ? parameter : "");
        row.put("User", r.get("User"));
        row.put("Process", r.get("Image"));
        return row;
    }

    /** {@code HKLM\x} as the ASIM parser writes it; a text without a backslash or with another root loses its root. */
    private static String spelledOut(String path) {
        int slash = path.indexOf('\\');
        String prefix = slash < 0 ? "" : path.substring(0, slash);
        String main = slash < 0 ? "" : path.substring(slash + 1);
        return ASIM_HIVES.getOrDefault(prefix, "") + "\\" + main;
    }

    private static Map<String, String> asimFileEvent(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        Map<String, String> hashes = hashes(r.get("Hashes"));
        row.put("EventType", r.eventId() == 11 ? "FileCreated" : "FileDeleted");
        row.put("TargetFilePath", r.get("TargetFilename"));
        row.put("TargetFileName", basename(r.get("TargetFilename")));
        row.put("ActingProcessName", r.get("Image"));
        row.put("ActingProcessId", r.get("ProcessId"));
        row.put("ActingProcessGuid", r.get("ProcessGuid").replaceAll("^\\{(.*)}$", "$1"));
        row.put("ActorUsername", r.get("User"));
        row.put("TargetFileMD5", hashes.getOrDefault("MD5", ""));
        row.put("TargetFileSHA1", hashes.getOrDefault("SHA1", ""));
        row.put("TargetFileSHA256", hashes.getOrDefault("SHA256", ""));
        row.put("FilePath", r.get("TargetFilename"));
        row.put("FileName", basename(r.get("TargetFilename")));
        row.put("User", r.get("User"));
        row.put("Process", r.get("Image"));
        return row;
    }

    // ---- Defender XDR ------------------------------------------------------------------------------------------------

    private static Map<String, String> defenderProcess(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("ActionType", "ProcessCreated");
        row.put("DeviceName", r.computer().toLowerCase(Locale.ROOT));
        file(row, r.get("Image"));
        row.put("ProcessCommandLine", r.get("CommandLine"));
        row.put("ProcessId", r.get("ProcessId"));
        row.put("ProcessVersionInfoCompanyName", r.get("Company"));
        row.put("ProcessVersionInfoProductName", r.get("Product"));
        row.put("ProcessVersionInfoFileDescription", r.get("Description"));
        row.put("ProcessVersionInfoOriginalFileName", r.get("OriginalFileName"));
        row.put("ProcessIntegrityLevel", r.get("IntegrityLevel"));
        row.put("LogonId", number(r.get("LogonId")));
        account(row, "Account", r.get("User"));
        defenderHashes(row, r);
        initiating(row, r, "ParentImage", "ParentProcessId", "ParentUser");
        row.put("InitiatingProcessCommandLine", r.get("ParentCommandLine"));
        return row;
    }

    private static Map<String, String> defenderRegistry(WindowsRecord r) {
        Map<String, String> row = initiating(r);
        String type = r.get("EventType");
        String path = defenderHive(r.get("TargetObject"));
        boolean valueEvent = type.equals("SetValue") || type.equals("DeleteValue");
        int last = path.lastIndexOf('\\');
        String key = valueEvent && last > 0 ? path.substring(0, last) : path;
        String valueName = valueEvent && last > 0 ? path.substring(last + 1) : "";
        row.put("ActionType", Map.of("CreateKey", "RegistryKeyCreated", "DeleteKey", "RegistryKeyDeleted",
                "DeleteValue", "RegistryValueDeleted", "SetValue", "RegistryValueSet", "RenameKey", "RegistryKeyRenamed")
                .getOrDefault(type, type));
        if (type.startsWith("Delete")) {
            row.put("RegistryKey", "");
            row.put("PreviousRegistryKey", key);
            row.put("PreviousRegistryValueName", valueName);
        } else {
            row.put("RegistryKey", key);
            row.put("RegistryValueName", valueName);
        }
        if (type.equals("SetValue")) {
            row.put("RegistryValueData", defenderData(r.get("Details")));
        }
        return row;
    }

    private static String defenderHive(String path) {
        for (Map.Entry<String, String> root : Map.of("HKLM\\", "HKEY_LOCAL_MACHINE\\", "HKU\\", "HKEY_CURRENT_USER\\")
                .entrySet()) {
            if (path.regionMatches(true, 0, root.getKey(), 0, root.getKey().length())) {
                return root.getValue() + path.substring(root.getKey().length());
            }
        }
        return path;
    }

    private static String defenderData(String details) {
        Matcher dword = DWORD.matcher(details);
        if (dword.matches()) {
            return Long.toString(Long.parseLong(dword.group(1), 16));
        }
        Matcher qword = QWORD.matcher(details);
        if (qword.matches()) {
            return Long.toUnsignedString(Long.parseLong(qword.group(1), 16) << 32 | Long.parseLong(qword.group(2), 16));
        }
        return details.equals("(Empty)") ? "" : details;
    }

    private static Map<String, String> defenderFile(WindowsRecord r) {
        Map<String, String> row = initiating(r);
        row.put("ActionType", r.eventId() == 11 ? "FileCreated" : "FileDeleted");
        file(row, r.get("TargetFilename"));
        return row;
    }

    private static Map<String, String> defenderImageLoad(WindowsRecord r) {
        Map<String, String> row = initiating(r);
        row.put("ActionType", "ImageLoaded");
        file(row, r.get("ImageLoaded"));
        defenderHashes(row, r);
        return row;
    }

    private static Map<String, String> defenderProcessAccess(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("ActionType", "OpenProcessApiCall");
        row.put("DeviceName", r.computer().toLowerCase(Locale.ROOT));
        initiating(row, r, "SourceImage", "SourceProcessId", "SourceUser");
        file(row, r.get("TargetImage"));
        row.put("ProcessId", r.get("TargetProcessId"));
        return row;
    }

    private static Map<String, String> defenderPipe(WindowsRecord r) {
        Map<String, String> row = initiating(r);
        row.put("ActionType", "NamedPipeEvent");
        row.put("AdditionalFields.PipeName", "\\Device\\NamedPipe" + r.get("PipeName"));
        return row;
    }

    /** A row of the device with the acting process of a Sysmon event (Image, ProcessId, User) as InitiatingProcess*. */
    private static Map<String, String> initiating(WindowsRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("DeviceName", r.computer().toLowerCase(Locale.ROOT));
        initiating(row, r, "Image", "ProcessId", "User");
        return row;
    }

    /** The process named by three fields of the event as Defender's InitiatingProcess* columns. */
    private static void initiating(Map<String, String> row, WindowsRecord r, String image, String processId, String user) {
        row.put("InitiatingProcessFolderPath", r.get(image));
        row.put("InitiatingProcessFileName", basename(r.get(image)));
        row.put("InitiatingProcessId", r.get(processId));
        account(row, "InitiatingProcessAccount", r.get(user));
    }

    /** A file as Defender's FolderPath (the whole path) and FileName. */
    private static void file(Map<String, String> row, String path) {
        row.put("FolderPath", path);
        row.put("FileName", basename(path));
    }

    /** Sysmon's Hashes as Defender's hash columns (Defender writes hexadecimal in lower case and has no IMPHASH). */
    private static void defenderHashes(Map<String, String> row, WindowsRecord r) {
        hashes(r.get("Hashes")).forEach((algorithm, hash) -> {
            if (Set.of("MD5", "SHA1", "SHA256").contains(algorithm)) {
                row.put(algorithm, hash.toLowerCase(Locale.ROOT));
            }
        });
    }

    private static void account(Map<String, String> row, String prefix, String user) {
        if (user.isEmpty()) {
            return;
        }
        int slash = user.indexOf('\\');
        row.put(prefix + "Domain", slash < 0 ? "" : user.substring(0, slash));
        row.put(prefix + "Name", user.substring(slash + 1));
    }

    // ---- values ------------------------------------------------------------------------------------------------------

    private static Map<String, String> hashes(String hashes) {
        Map<String, String> result = new LinkedHashMap<>();
        Matcher m = HASH.matcher(hashes);
        while (m.find()) {
            result.put(m.group(1).toUpperCase(Locale.ROOT), m.group(2));
        }
        return result;
    }

    private static String basename(String path) {
        return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
    }

    /** A number as a numeric column holds it ({@code 0x3e7} is 999); empty when the text is none. */
    private static String number(String text) {
        String t = text.strip();
        if (t.matches("0[xX][0-9a-fA-F]{1,15}")) {
            return Long.toString(Long.parseLong(t.substring(2), 16));
        }
        return t.matches("-?\\d{1,18}") ? t : "";
    }
}
