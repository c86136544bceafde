package io.detectionhub.sigma.evaluation.benchmark;

import static io.detectionhub.sigma.evaluation.benchmark.EventValues.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Writes a deterministic event file (same seed, same bytes): Windows events in the evtx_dump JSON shape (Sysmon
 * process creation, network, file, registry and image load; Security logons; PowerShell script blocks) and flat
 * Linux process events. Values vary the way fleet telemetry does: a few hundred hosts and users, a few processes very
 * common and a long tail of rare ones, command lines, paths and script blocks carrying user names, documents, temp
 * names, GUIDs, PIDs, ports, dates and URLs (see {@link EventValues}). About 2% of the events are built to match
 * well-known SigmaHQ rules (whoami, certutil download, encoded PowerShell, comsvcs MiniDump, Run key to a public
 * folder, shadow file access...).
 */
public final class EventGenerator {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("yyMMdd")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final double SKEW = 2.5;
    private static final String SID_PREFIX = "S-1-5-21-1004336348-1177238915-682003330-";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String[] DEV_PORTS = {"3000", "5000", "8000", "8080", "8443", "9090"};
    private static final int CLIENTS = (int) Arrays.stream(HOSTS).filter(h -> !h.server()).count();

    private record Principal(String name, String logonId, String integrity, int session) {
    }

    private final Random random;
    private final Map<String, String> filled = new HashMap<>();
    private Instant time = Instant.parse("2024-05-01T08:00:00Z");
    private long record = 1_000_000;
    private Host host;
    private String user;
    private int userRid;

    public EventGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void write(Path file, int count, long seed) throws IOException {
        EventGenerator g = new EventGenerator(seed);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("[\n");
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    w.write(",\n");
                }
                w.write(g.next());
            }
            w.write("\n]\n");
        }
    }

    public String next() {
        time = time.plusMillis(50 + random.nextInt(400));
        record++;
        filled.clear();
        int kind = random.nextInt(100);
        boolean suspicious = random.nextInt(45) == 0;
        if (kind >= 83) {
            return linuxProcess(suspicious);
        }
        chooseHostAndUser();
        if (kind < 35) {
            return sysmonProcess(suspicious);
        } else if (kind < 45) {
            return sysmonNetwork(suspicious);
        } else if (kind < 55) {
            return sysmonFile(suspicious);
        } else if (kind < 62) {
            return sysmonRegistry(suspicious);
        } else if (kind < 68) {
            return sysmonImageLoad(suspicious);
        } else if (kind < 78) {
            return securityLogon();
        }
        return powershellScript(suspicious);
    }

    private void chooseHostAndUser() {
        host = random.nextInt(4) == 0 ? HOSTS[CLIENTS + skewed(HOSTS.length - CLIENTS)]
                : HOSTS[random.nextInt(CLIENTS)];
        if (host.server()) {
            int admin = skewed(ADMINS.length);
            user = ADMINS[admin];
            userRid = 5000 + admin;
        } else {
            int u = random.nextInt(10) == 0 ? random.nextInt(USERS.length) : host.primaryUser();
            user = USERS[u];
            userRid = 1100 + u;
        }
    }

    /** Desktop applications run on workstations and terminal servers; per-user installs for one user in six. */
    private boolean installed(String imageTemplate) {
        if (DESKTOP_ONLY.contains(imageTemplate) && !host.desktop()
                || SERVER_ONLY.contains(imageTemplate) && !host.server()) {
            return false;
        }
        return !imageTemplate.contains("{home}") || !host.server() && (userRid - 1100) % 6 == 0;
    }

    private Proc windowsProcess() {
        Proc p = pickSkewed(WINDOWS);
        while (!installed(p.image()) || !installed(p.parent())) {
            p = pickSkewed(WINDOWS);
        }
        return p;
    }

    private <T> T activity(T[] benign, T[] suspicious, boolean isSuspicious, Function<T, String> image) {
        if (isSuspicious) {
            return pick(suspicious);
        }
        T a = pickSkewed(benign);
        while (!installed(image.apply(a))) {
            a = pickSkewed(benign);
        }
        return a;
    }

    private int skewed(int n) {
        return (int) (n * StrictMath.pow(random.nextDouble(), SKEW));
    }

    private <T> T pick(T[] a) {
        return a[random.nextInt(a.length)];
    }

    private <T> T pickSkewed(T[] a) {
        return a[skewed(a.length)];
    }

    /** The template with its placeholders filled; a placeholder already filled in this event keeps its value. */
    private String fill(String template) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int end = c == '{' ? placeholderEnd(template, i) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                String token = template.substring(i + 1, end);
                String value = filled.get(token);
                if (value == null) {
                    value = value(placeholderKind(token));
                    filled.put(token, value);
                }
                out.append(value);
                i = end + 1;
            }
        }
        return out.toString();
    }

    private static String placeholderKind(String token) {
        int end = token.length();
        while (Character.isDigit(token.charAt(end - 1))) {
            end--;
        }
        return token.substring(0, end);
    }

    private static int placeholderEnd(String s, int open) {
        int j = open + 1;
        if (j >= s.length() || s.charAt(j) < 'a' || s.charAt(j) > 'z') {
            return -1;
        }
        while (j < s.length() && (Character.isLowerCase(s.charAt(j)) || Character.isDigit(s.charAt(j)))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '}' ? j : -1;
    }

    private String value(String name) {
        return switch (name) {
            case "user" -> user;
            case "home" -> "C:\\Users\\" + user;
            case "sid" -> SID_PREFIX + userRid;
            case "server" -> shortName(HOSTS[CLIENTS + random.nextInt(HOSTS.length - CLIENTS)]);
            case "dc" -> "DC0" + (1 + random.nextInt(3)) + ".corp.local";
            case "domain" -> pickSkewed(DOMAINS);
            case "url" -> "https://" + pickSkewed(DOMAINS) + "/" + pick(WORDS) + "/"
                    + (random.nextBoolean() ? hex(8) : pick(WORDS) + "?id=" + random.nextInt(100_000));
            case "doc" -> document();
            case "project" -> pickSkewed(PROJECTS);
            case "pkg" -> pick(PACKAGES);
            case "svc" -> pickSkewed(LINUX_SERVICES);
            case "app" -> pickSkewed(APPS);
            case "dept" -> pick(DEPARTMENTS);
            case "word" -> pick(WORDS);
            case "tmp" -> tempName();
            case "hex" -> hex(8);
            case "hexs" -> hex(5);
            case "hexb" -> hex(2);
            case "hexup" -> hex(8).toUpperCase(Locale.ROOT);
            case "hexlong" -> hex(64);
            case "token" -> hex(32);
            case "guid" -> "{" + guid().toUpperCase(Locale.ROOT) + "}";
            case "lguid" -> guid();
            case "clsid" -> pick(CLSIDS);
            case "pid" -> String.valueOf(pid());
            case "num" -> String.valueOf(1 + random.nextInt(99_999));
            case "small" -> String.valueOf(1 + random.nextInt(9));
            case "big" -> String.valueOf(1_000_000_000L + (random.nextLong() & 0xFF_FFFF_FFFFL));
            case "port" -> random.nextBoolean() ? pick(DEV_PORTS) : String.valueOf(1024 + random.nextInt(60_000));
            case "date" -> DATE.format(recentDay());
            case "isodate" -> ISO_DATE.format(recentDay());
            case "shortdate" -> SHORT_DATE.format(time);
            case "prefetch" -> fileName(pickSkewed(WINDOWS).image()).toUpperCase(Locale.ROOT);
            case "ext" -> pick(DOC_EXTENSIONS);
            case "chromever" -> pick(CHROME_VERSIONS);
            case "edgever" -> pick(EDGE_VERSIONS);
            case "teamsver" -> pick(TEAMS_VERSIONS);
            case "defender" -> pick(DEFENDER_VERSIONS);
            case "taskserver" -> pick(TASK_SERVERS);
            case "semver" -> pick(SEMVERS);
            case "badip" -> pick(BAD_IPS);
            case "ip" -> "10.20." + random.nextInt(2) + "." + (20 + random.nextInt(200));
            case "lhost" -> pick(LINUX_HOSTS);
            case "encoded" -> encodedTail();
            default -> throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        };
    }

    private String document() {
        String name = pick(DOC_WORDS) + (random.nextBoolean() ? " " : "_") + pick(DOC_WORDS);
        return switch (random.nextInt(5)) {
            case 0 -> name + "_v" + (1 + random.nextInt(12));
            case 1 -> name + "_" + ISO_DATE.format(recentDay());
            case 2 -> name + " (" + (1 + random.nextInt(4)) + ")";
            case 3 -> name + "_" + user.substring(user.lastIndexOf('.') + 1);
            default -> name;
        };
    }

    private String tempName() {
        return switch (random.nextInt(4)) {
            case 0 -> "tmp" + hex(4).toUpperCase(Locale.ROOT);
            case 1 -> "~DF" + hex(16).toUpperCase(Locale.ROOT);
            case 2 -> hex(8);
            default -> pick(WORDS) + "_" + random.nextInt(10_000);
        };
    }

    private String encodedTail() {
        StringBuilder sb = new StringBuilder();
        for (int i = 8 + random.nextInt(40); i > 0; i--) {
            sb.append(BASE64.charAt(random.nextInt(BASE64.length())));
        }
        return sb.toString();
    }

    private Instant recentDay() {
        return time.minusSeconds(86_400L * random.nextInt(30));
    }

    private String hex(int chars) {
        StringBuilder sb = new StringBuilder(chars + 16);
        while (sb.length() < chars) {
            sb.append(HexFormat.of().toHexDigits(random.nextLong()));
        }
        return sb.substring(0, chars);
    }

    private String guid() {
        String h = hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private int pid() {
        return 4 * (1 + random.nextInt(8000));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    private static String shortName(Host h) {
        return h.name().substring(0, h.name().indexOf('.'));
    }

    /** Sysmon's Hashes field: a binary (by template or name, and one of three versions) has the same digests. */
    private String hashes(String binary) {
        long seed = binary.hashCode() * 31L + random.nextInt(3);
        return "SHA1=" + digest(seed, 40) + ",MD5=" + digest(seed + 1, 32) + ",SHA256=" + digest(seed + 2, 64)
                + ",IMPHASH=" + digest(seed + 3, 32);
    }

    private static String digest(long seed, int chars) {
        StringBuilder sb = new StringBuilder(chars + 16);
        long z = seed * 0x2545F4914F6CDD1DL;
        while (sb.length() < chars) {
            z += 0x9E3779B97F4A7C15L;
            long x = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            sb.append(HEX.toHexDigits(x ^ (x >>> 31)));
        }
        return sb.substring(0, chars);
    }

    private Principal principal(Account account) {
        int session = host.server() ? 2 + (userRid % 20) : 1;
        long logon = 0x100000L + ((long) (host.name() + user).hashCode() & 0xFFFFFFL);
        return switch (account) {
            case SYSTEM -> new Principal("NT AUTHORITY\\SYSTEM", "0x3e7", "System", 0);
            case SERVICE -> {
                String[] s = SERVICE_USERS[skewed(SERVICE_USERS.length)];
                yield new Principal(s[0] + "\\" + s[1], s[2], "System", 0);
            }
            case USER -> new Principal("CORP\\" + user, "0x" + Long.toHexString(logon), "Medium", session);
            case ELEVATED -> new Principal("CORP\\" + user, "0x" + Long.toHexString(logon + 0x1a), "High", session);
        };
    }

    private String currentDirectory(String image, Principal principal) {
        if (image.startsWith("C:\\Windows\\")) {
            return principal.session() == 0 ? "C:\\Windows\\system32\\" : "C:\\Users\\" + user + "\\";
        }
        return image.substring(0, image.lastIndexOf('\\') + 1);
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        Fields.quote(sb, s);
        return sb.toString();
    }

    private String windows(String provider, String providerGuid, int eventId, String channel, boolean xmlns,
                           Fields data) {
        return "{\"Event\":{" + (xmlns ? "\"#attributes\":{\"xmlns\":"
                + "\"http://schemas.microsoft.com/win/2004/08/events/event\"}," : "")
                + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":" + json(provider) + ",\"Guid\":"
                + json(providerGuid) + "}},\"EventID\":" + eventId + ",\"Version\":5,\"Level\":4,\"Task\":" + eventId
                + ",\"Opcode\":0,\"Keywords\":\"0x8000000000000000\",\"TimeCreated\":{\"#attributes\":"
                + "{\"SystemTime\":\"" + time + "\"}},\"EventRecordID\":" + record + ",\"Correlation\":null,"
                + "\"Execution\":{\"#attributes\":{\"ProcessID\":" + pid() + ",\"ThreadID\":" + pid()
                + "}},\"Channel\":" + json(channel) + ",\"Computer\":" + json(host.name())
                + ",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},\"EventData\":{" + data + "}}}";
    }

    private String sysmon(int eventId, Fields data) {
        return windows("Microsoft-Windows-Sysmon", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", eventId,
                "Microsoft-Windows-Sysmon/Operational", true, data);
    }

    private Fields sysmonHeader(String image) {
        return new Fields().str("RuleName", "-").str("UtcTime", UTC_TIME.format(time))
                .str("ProcessGuid", "{" + guid() + "}").num("ProcessId", pid()).str("Image", image);
    }

    private String sysmonProcess(boolean suspicious) {
        Proc p = suspicious ? pick(WINDOWS_SUSPICIOUS) : windowsProcess();
        Proc parent = proc(p.parent());
        String image = fill(p.image());
        Principal principal = principal(p.account());
        Principal parentPrincipal = principal(parent.account() == Account.SERVICE ? Account.SYSTEM
                : parent.account());
        return sysmon(1, sysmonHeader(image).str("FileVersion", p.vendor().fileVersion())
                .str("Description", p.description()).str("Product", p.vendor().product())
                .str("Company", p.vendor().company()).str("OriginalFileName", fileName(image))
                .str("CommandLine", fill(pick(p.commands())))
                .str("CurrentDirectory", currentDirectory(image, principal)).str("User", principal.name())
                .str("LogonGuid", "{" + guid() + "}").str("LogonId", principal.logonId())
                .num("TerminalSessionId", principal.session()).str("IntegrityLevel", principal.integrity())
                .str("Hashes", hashes(p.image())).str("ParentProcessGuid", "{" + guid() + "}")
                .num("ParentProcessId", pid()).str("ParentImage", fill(parent.image()))
                .str("ParentCommandLine", fill(pick(parent.commands())))
                .str("ParentUser", parentPrincipal.name()));
    }

    private String sysmonNetwork(boolean suspicious) {
        Connection c = activity(CONNECTIONS, CONNECTIONS_SUSPICIOUS, suspicious, Connection::image);
        String destination = fill(c.hostname());
        String ip = address(c.ipPrefix(), destination);
        if (!suspicious && random.nextInt(8) == 0) {
            destination = "";
        }
        return sysmon(3, sysmonHeader(fill(c.image())).str("User", principal(account(c.image())).name())
                .str("Protocol", "tcp").str("Initiated", "true").str("SourceIsIpv6", "false")
                .str("SourceIp", host.ip()).str("SourceHostname", host.name())
                .num("SourcePort", 49152 + random.nextInt(16000)).str("DestinationIsIpv6", "false")
                .str("DestinationIp", ip).str("DestinationHostname", destination).num("DestinationPort", c.port())
                .str("DestinationPortName", portName(c.port())));
    }

    private String address(String prefix, String hostname) {
        if (prefix.isEmpty()) {
            int h = hostname.hashCode();
            int[] firsts = {13, 18, 34, 35, 44, 54, 104, 142, 151, 157, 172, 185, 199};
            int first = firsts[Math.floorMod(h, firsts.length)];
            return first + "." + (first == 172 ? 64 + Math.floorMod(h >> 4, 60) : Math.floorMod(h >> 4, 256)) + "."
                    + Math.floorMod(h >> 12, 256) + "." + (1 + random.nextInt(254));
        }
        StringBuilder sb = new StringBuilder(prefix);
        for (int dots = prefix.length() - prefix.replace(".", "").length(); dots < 4; dots++) {
            sb.append(dots == 3 ? 1 + random.nextInt(254) : random.nextInt(256)).append(dots < 3 ? "." : "");
        }
        return sb.toString();
    }

    private static String portName(int port) {
        return switch (port) {
            case 135 -> "epmap";
            case 389 -> "ldap";
            case 443 -> "https";
            case 445 -> "microsoft-ds";
            default -> "";
        };
    }

    private String sysmonFile(boolean suspicious) {
        Activity a = activity(FILE_WRITES, FILE_WRITES_SUSPICIOUS, suspicious, Activity::image);
        return sysmon(11, sysmonHeader(fill(a.image())).str("TargetFilename", fill(a.target()))
                .str("CreationUtcTime", UTC_TIME.format(time.minusMillis(random.nextInt(5000))))
                .str("User", principal(account(a.image())).name()));
    }

    private String sysmonRegistry(boolean suspicious) {
        Activity a = activity(REGISTRY_WRITES, REGISTRY_WRITES_SUSPICIOUS, suspicious, Activity::image);
        return sysmon(13, new Fields().str("RuleName", "-").str("EventType", "SetValue")
                .str("UtcTime", UTC_TIME.format(time)).str("ProcessGuid", "{" + guid() + "}").num("ProcessId", pid())
                .str("Image", fill(a.image())).str("TargetObject", fill(a.target()))
                .str("Details", fill(a.detail())).str("User", principal(account(a.image())).name()));
    }

    private String sysmonImageLoad(boolean suspicious) {
        String image;
        String dll;
        String description;
        Vendor vendor = WINDOWS_OS;
        Account account;
        if (suspicious) {
            Activity a = pick(IMAGE_LOADS_SUSPICIOUS);
            image = fill(a.image());
            dll = fill(a.target());
            description = a.detail();
            account = account(a.image());
        } else {
            Proc p = windowsProcess();
            image = fill(p.image());
            account = p.account();
            if (!image.startsWith("C:\\Windows\\") && random.nextInt(3) == 0) {
                dll = image.substring(0, image.lastIndexOf('\\') + 1) + pick(APP_DLLS);
                description = "";
                vendor = p.vendor();
            } else {
                String[] d = pickSkewed(SYSTEM_DLLS);
                dll = SYS + d[0];
                description = d[1];
            }
        }
        boolean signed = dll.startsWith("C:\\Windows\\") || dll.startsWith("C:\\Program Files");
        return sysmon(7, sysmonHeader(image).str("ImageLoaded", dll).str("FileVersion", vendor.fileVersion())
                .str("Description", description).str("Product", vendor.product()).str("Company", vendor.company())
                .str("OriginalFileName", fileName(dll)).str("Hashes", hashes(fileName(dll)))
                .str("Signed", String.valueOf(signed)).str("Signature", signed ? vendor.company() : "")
                .str("SignatureStatus", signed ? "Valid" : "Unavailable").str("User", principal(account).name()));
    }

    private String securityLogon() {
        boolean failed = random.nextInt(4) == 0;
        String[] logon = pickSkewed(LOGONS);
        String type = logon[0];
        boolean remote = type.equals("3") || type.equals("10");
        Host source = remote ? HOSTS[random.nextInt(CLIENTS)] : host;
        boolean machine = type.equals("3") && random.nextBoolean();
        boolean service = type.equals("5");
        String target = machine ? shortName(source) + "$" : service ? "SYSTEM" : user;
        Fields data = new Fields().str("SubjectUserSid", "S-1-5-18").str("SubjectUserName", shortName(host) + "$")
                .str("SubjectDomainName", "CORP").str("SubjectLogonId", "0x3e7")
                .str("TargetUserSid", service ? "S-1-5-18" : SID_PREFIX + (machine ? 20_000 + random.nextInt(300)
                        : userRid))
                .str("TargetUserName", target).str("TargetDomainName", service ? "NT AUTHORITY" : "CORP")
                .raw("LogonType", type).str("LogonProcessName", logon[1])
                .str("AuthenticationPackageName", logon[2]).str("WorkstationName", shortName(source))
                .str("ProcessName", logon[3])
                .str("IpAddress", remote ? source.ip() : service ? "-" : "127.0.0.1")
                .str("IpPort", remote ? String.valueOf(49152 + random.nextInt(16000)) : "0");
        if (failed) {
            data.str("Status", "0xc000006d").str("SubStatus", random.nextInt(3) == 0 ? "0xc0000064" : "0xc000006a");
        }
        return windows("Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-a5ba-3e3b0328c30d}",
                failed ? 4625 : 4624, "Security", false, data);
    }

    private String powershellScript(boolean suspicious) {
        String script;
        String path = "";
        if (suspicious) {
            script = fill(pick(SCRIPT_SUSPICIOUS));
        } else if (random.nextInt(3) == 0) {
            script = pickSkewed(SCRIPT_BOILERPLATE);
        } else {
            script = scriptBlock(1 + random.nextInt(random.nextInt(4) == 0 ? 16 : 5));
            if (random.nextBoolean()) {
                path = fill(random.nextBoolean() ? "{home}\\Documents\\scripts\\{word}-{app}.ps1"
                        : "C:\\ProgramData\\Contoso\\Scripts\\{word}.ps1");
            }
        }
        return windows("Microsoft-Windows-PowerShell", "{a0c1853b-5c40-4b15-8766-3cf1c58f985a}", 4104,
                "Microsoft-Windows-PowerShell/Operational", false, new Fields().num("MessageNumber", 1)
                        .num("MessageTotal", 1).str("ScriptBlockText", script)
                        .str("ScriptBlockId", guid()).str("Path", path));
    }

    private String scriptBlock(int statements) {
        boolean[] used = new boolean[SCRIPT_STATEMENTS.length];
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < statements; n++) {
            int i = random.nextInt(used.length);
            if (used[i]) {
                continue;
            }
            used[i] = true;
            filled.clear();
            String statement = random.nextInt(60) == 0 ? pick(SCRIPT_STATEMENTS_RARE) : SCRIPT_STATEMENTS[i];
            sb.append(sb.length() > 0 ? "\r\n" : "").append(fill(statement));
        }
        return sb.toString();
    }

    private String linuxProcess(boolean suspicious) {
        String[] p = suspicious ? pick(LINUX_SUSPICIOUS) : pickSkewed(LINUX);
        user = switch (p[2]) {
            case "root" -> "root";
            case "svc" -> pickSkewed(LINUX_SERVICE_USERS);
            default -> USERS[skewed(USERS.length)];
        };
        String command = fill(p[3 + random.nextInt(p.length - 3)]);
        String directory = switch (p[2]) {
            case "root" -> random.nextBoolean() ? "/" : "/root";
            case "svc" -> fill("/srv/{app}");
            default -> "/home/" + user;
        };
        return "{\"@timestamp\":\"" + time + "\",\"host\":{\"name\":" + json(pick(LINUX_HOSTS))
                + ",\"os\":{\"type\":\"linux\"}}," + new Fields().str("Image", p[0]).str("CommandLine", command)
                .str("ParentImage", p[1]).str("User", user).num("ProcessId", 300 + random.nextInt(4_000_000))
                .num("ParentProcessId", 1 + random.nextInt(4_000_000)).str("CurrentDirectory", directory)
                .num("LogonId", random.nextInt(2000)) + "}";
    }

    /** The members of a JSON object, in the order added. */
    private static final class Fields {
        private final StringBuilder sb = new StringBuilder(1024);

        Fields str(String name, String value) {
            name(name);
            quote(sb, value);
            return this;
        }

        Fields num(String name, long value) {
            name(name);
            sb.append(value);
            return this;
        }

        Fields raw(String name, String json) {
            name(name);
            sb.append(json);
            return this;
        }

        private void name(String name) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            quote(sb, name);
            sb.append(':');
        }

        static void quote(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
