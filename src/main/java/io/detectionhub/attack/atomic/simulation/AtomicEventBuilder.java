package io.detectionhub.attack.atomic.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.atomic.InputArgument;

/**
 * Builds the process-creation events an Atomic test produces when Invoke-AtomicTest runs it with its default input
 * arguments:
 * <ul>
 *   <li>the executor's interpreter: {@code cmd.exe /c <lines joined by " & ">} (command_prompt),
 *       {@code sh -c "<lines joined by "; ">"} / {@code bash -c ...} (sh, bash), {@code powershell.exe & {...}}
 *       on Windows or {@code pwsh -Command ...} elsewhere (powershell);</li>
 *   <li>one child per program the command text starts (shell builtins, cmd built-in commands and PowerShell
 *       cmdlets start none), with the interpreter as parent.</li>
 * </ul>
 * Windows events have the evtx_dump shape of Sysmon event 1; Linux and macOS events are flat objects with the
 * Sysmon for Linux field names Sigma uses. Manual tests and tests without a command give no event.
 */
public final class AtomicEventBuilder {

    public static final String WINDOWS_ATOMICS = "C:\\AtomicRedTeam\\atomics";
    public static final String UNIX_ATOMICS = "/root/AtomicRedTeam/atomics";

    private static final Pattern ARGUMENT = Pattern.compile("#\\{([^}]{1,100})}");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");

    private static final Set<String> SH_BUILTINS = Set.of("cd", "export", "set", "unset", "source", ".", "alias",
            "eval", "exit", "return", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done",
            "case", "esac", "function", "local", "read", "shift", "test", "[", "[[", "]]", "true", "false", ":", "echo",
            "printf", "type", "ulimit", "umask", "wait", "trap", "history", "declare", "let", "pushd", "popd", "{",
            "}", "in", "break", "continue", "builtin", "command", "hash", "jobs", "fg", "bg", "disown", "shopt",
            "readonly", "typeset", "!", "exec");
    private static final Set<String> CMD_BUILTINS = Set.of("echo", "set", "cd", "chdir", "del", "erase", "copy",
            "move", "ren", "rename", "type", "mkdir", "md", "rmdir", "rd", "dir", "if", "for", "call", "exit", "pushd",
            "popd", "cls", "title", "ver", "vol", "assoc", "ftype", "path", "prompt", "shift", "goto", "rem",
            "setlocal", "endlocal", "mklink", "break", "color", "date", "time", "start", "pause", "verify", "@echo",
            "(", ")");
    /** Programs PowerShell scripts commonly start by name (anything ending in .exe or with a path also counts). */
    private static final Set<String> WINDOWS_PROGRAMS = Set.of("cmd", "reg", "sc", "schtasks", "net", "net1",
            "whoami", "certutil", "bitsadmin", "vssadmin", "wevtutil", "netsh", "wmic", "rundll32", "regsvr32",
            "mshta", "cscript", "wscript", "msiexec", "powershell", "pwsh", "bcdedit", "icacls", "takeown",
            "attrib", "nltest", "dsquery", "tasklist", "taskkill", "systeminfo", "ipconfig", "arp", "route",
            "netstat", "nslookup", "ping", "curl", "wget", "msbuild", "installutil", "regasm", "regsvcs",
            "cmstp", "odbcconf", "forfiles", "fsutil", "auditpol", "cipher", "diskshadow", "esentutl", "expand",
            "extrac32", "findstr", "ftp", "hh", "klist", "makecab", "mavinject", "mountvol", "nbtstat", "qwinsta",
            "quser", "query", "rdpclip", "reagentc", "replace", "robocopy", "runas", "sdbinst", "setspn",
            "shutdown", "sqlcmd", "syskey", "vaultcmd", "winrm", "wusa", "xcopy", "conhost", "explorer",
            "notepad", "calc", "mmc", "control", "eventvwr", "fodhelper", "computerdefaults", "sdclt", "csc",
            "jsc", "vbc", "ntdsutil", "dism", "pnputil", "manage-bde", "wbadmin", "bootcfg", "gpupdate", "gpresult",
            "set-mppreference");

    private int nextPid = 4000;

    public List<SimulatedEvent> build(String techniqueId, AtomicTest test) {
        List<SimulatedEvent> out = new ArrayList<>();
        if (test.executor() == null || test.executor().command() == null || test.executor().command().isBlank()) {
            return out;
        }
        String executor = test.executor().name() == null ? "" : test.executor().name();
        for (String platform : targetPlatforms(executor, test.platforms())) {
            boolean windows = platform.equals("windows");
            String command = substitute(test.executor().command(), test.inputArguments(), windows).strip();
            Interpreter interpreter = interpreter(executor, windows, command);
            if (interpreter == null) {
                continue;
            }
            String user = windows ? "ATOMIC\\analyst" : "root";
            String grandParentImage = windows ? Interpreter.POWERSHELL_WINDOWS : "/usr/bin/pwsh";
            String grandParentCommandLine = windows ? "powershell.exe -Command Invoke-AtomicTest " + techniqueId
                    : "pwsh -Command Invoke-AtomicTest " + techniqueId;
            out.add(event(techniqueId, test, platform, "executor", interpreter.image(), interpreter.commandLine(),
                    grandParentImage, grandParentCommandLine, user));
            for (String child : children(executor, command, windows)) {
                List<String> words = CommandSplitter.words(child);
                String image = windows ? windowsImage(words.get(0)) : unixImage(words.get(0));
                out.add(event(techniqueId, test, platform, "child", image, child, interpreter.image(),
                        interpreter.commandLine(), user));
            }
        }
        return out;
    }

    /** Which platforms the test yields events on: the executor must exist there. */
    static List<String> targetPlatforms(String executor, List<String> platforms) {
        List<String> out = new ArrayList<>();
        for (String p : platforms) {
            String platform = p.toLowerCase(Locale.ROOT);
            boolean windows = platform.equals("windows");
            boolean unix = platform.equals("linux") || platform.equals("macos");
            boolean ok = switch (executor) {
                case "command_prompt" -> windows;
                case "sh", "bash" -> unix;
                case "powershell" -> windows || unix;
                default -> false;
            };
            if (ok && !out.contains(platform)) {
                out.add(platform);
            }
        }
        return out;
    }

    /** Replaces {@code #{name}} with the argument's default, and PathToAtomicsFolder with the default install path. */
    static String substitute(String command, List<InputArgument> arguments, boolean windows) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (InputArgument a : arguments) {
            defaults.put(a.name().toLowerCase(Locale.ROOT), a.defaultValue() == null ? "" : a.defaultValue());
        }
        Matcher m = ARGUMENT.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = defaults.get(m.group(1).trim().toLowerCase(Locale.ROOT));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        String atomics = windows ? WINDOWS_ATOMICS : UNIX_ATOMICS;
        return sb.toString().replace("$PathToAtomicsFolder", atomics).replace("PathToAtomicsFolder", atomics);
    }

    private record Interpreter(String image, String commandLine) {
        static final String CMD = "C:\\Windows\\System32\\cmd.exe";
        static final String POWERSHELL_WINDOWS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    }

    private static Interpreter interpreter(String executor, boolean windows, String command) {
        return switch (executor) {
            case "command_prompt" -> new Interpreter(Interpreter.CMD,
                    "\"cmd.exe\" /c " + command.replaceAll("\\r?\\n", " & "));
            case "sh", "bash" -> new Interpreter("/bin/" + executor, executor + " -c \""
                    + command.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("(?<!;)\\r?\\n", "; ") + "\"");
            case "powershell" -> windows
                    ? new Interpreter(Interpreter.POWERSHELL_WINDOWS,
                    "\"powershell.exe\" & {" + command.replace("\"", "\\\"\"") + "}")
                    : new Interpreter("/usr/bin/pwsh", "pwsh -Command " + command);
            default -> null;
        };
    }

    private static List<String> children(String executor, String command, boolean windows) {
        List<String> out = new ArrayList<>();
        boolean unixShell = executor.equals("sh") || executor.equals("bash");
        for (String simple : CommandSplitter.simpleCommands(command, unixShell)) {
            List<String> words = CommandSplitter.words(simple);
            int first = 0;
            while (unixShell && first < words.size() && ENV_ASSIGNMENT.matcher(words.get(first)).matches()) {
                first++;
            }
            if (first >= words.size()) {
                continue;
            }
            String program = words.get(first);
            String text = simple.substring(Math.min(simple.length(), offsetOfWord(simple, program))).strip();
            if (unixShell) {
                if (!SH_BUILTINS.contains(program) && !program.startsWith("#") && !program.startsWith(">")
                        && !program.startsWith("<") && !program.startsWith("(") && !program.contains("=")
                        && !program.startsWith("$(") && !program.startsWith("`")) {
                    out.add(text);
                    if (program.equals("sudo") && words.size() > first + 1 && !words.get(first + 1).startsWith("-")) {
                        out.add(String.join(" ", words.subList(first + 1, words.size())));
                    }
                }
            } else if (executor.equals("command_prompt")) {
                String p = program.toLowerCase(Locale.ROOT);
                if (!CMD_BUILTINS.contains(p) && !p.startsWith("@") && !p.startsWith("%") && !p.startsWith("::")
                        && !p.startsWith(">") && !p.startsWith("(")) {
                    out.add(text);
                }
            } else if (executor.equals("powershell")) {
                String p = program.toLowerCase(Locale.ROOT).replace("&", "");
                boolean looksLikeProgram = p.endsWith(".exe") || (windows && p.contains("\\") && !p.startsWith("$"))
                        || WINDOWS_PROGRAMS.contains(p);
                if (looksLikeProgram && !p.equals("set-mppreference") && (windows || p.endsWith(".exe")
                        || p.startsWith("/"))) {
                    out.add(text.startsWith("&") ? text.substring(1).strip() : text);
                }
            }
        }
        return out;
    }

    private static int offsetOfWord(String simple, String word) {
        int i = simple.indexOf(word);
        if (i > 0 && (simple.charAt(i - 1) == '"' || simple.charAt(i - 1) == '\'')) {
            return i - 1;
        }
        return Math.max(i, 0);
    }

    static String unixImage(String program) {
        if (program.contains("/")) {
            return program;
        }
        return "/usr/bin/" + program;
    }

    static String windowsImage(String program) {
        String p = program.strip();
        if (p.startsWith("&")) {
            p = p.substring(1).strip();
        }
        String lower = p.toLowerCase(Locale.ROOT);
        boolean hasExtension = lower.matches(".*\\.[a-z0-9]{2,4}$");
        if (p.contains("\\") || p.contains("/")) {
            return hasExtension ? p : p + ".exe";
        }
        String exe = hasExtension ? p : p + ".exe";
        String name = exe.toLowerCase(Locale.ROOT);
        if (name.equals("powershell.exe")) {
            return Interpreter.POWERSHELL_WINDOWS;
        }
        if (name.equals("wmic.exe")) {
            return "C:\\Windows\\System32\\wbem\\WMIC.exe";
        }
        return "C:\\Windows\\System32\\" + exe;
    }

    private SimulatedEvent event(String techniqueId, AtomicTest test, String platform, String origin, String image,
                                 String commandLine, String parentImage, String parentCommandLine, String user) {
        int pid = nextPid++;
        Map<String, Object> event;
        String shape;
        if (platform.equals("windows")) {
            shape = "windows-sysmon";
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("RuleName", "-");
            data.put("UtcTime", "2026-01-01 00:00:00.000");
            data.put("ProcessGuid", "{00000000-0000-0000-0000-" + String.format("%012d", pid) + "}");
            data.put("ProcessId", pid);
            data.put("Image", image);
            data.put("FileVersion", "-");
            data.put("Description", "-");
            data.put("Product", "-");
            data.put("Company", "-");
            data.put("OriginalFileName", originalFileName(image));
            data.put("CommandLine", commandLine);
            data.put("CurrentDirectory", "C:\\Users\\analyst\\");
            data.put("User", user);
            data.put("IntegrityLevel", test.executor().elevationRequired() ? "High" : "Medium");
            data.put("ParentImage", parentImage);
            data.put("ParentCommandLine", parentCommandLine);
            data.put("ParentUser", user);
            Map<String, Object> system = new LinkedHashMap<>();
            system.put("Provider", Map.of("#attributes", Map.of("Name", "Microsoft-Windows-Sysmon",
                    "Guid", "5770385F-C22A-43E0-BF4C-06F5698FFBD9")));
            system.put("EventID", 1);
            system.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            system.put("Computer", "atomic-win.example");
            event = Map.of("Event", Map.of("System", system, "EventData", data));
        } else {
            shape = "linux-flat";
            event = new LinkedHashMap<>();
            event.put("EventID", 1);
            event.put("ProcessId", pid);
            event.put("Image", image);
            event.put("CommandLine", commandLine);
            event.put("CurrentDirectory", "/root");
            event.put("User", user);
            event.put("LogonId", 0);
            event.put("ParentImage", parentImage);
            event.put("ParentCommandLine", parentCommandLine);
            event.put("ParentUser", user);
        }
        return new SimulatedEvent(techniqueId, test.guid(), test.name(), platform, shape, origin, image, commandLine,
                event);
    }

    private static String originalFileName(String image) {
        int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        String name = image.substring(slash + 1);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cmd.exe" -> "Cmd.Exe";
            case "powershell.exe" -> "PowerShell.EXE";
            default -> name;
        };
    }
}
