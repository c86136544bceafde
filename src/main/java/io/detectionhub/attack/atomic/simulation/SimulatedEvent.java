package io.detectionhub.attack.atomic.simulation;

import java.util.Map;

/**
 * A process-creation event an Atomic test would produce when run as is (default input arguments).
 *
 * @param product   the Sigma logsource product the event belongs to: {@code windows}, {@code linux} or {@code macos}
 * @param shape     {@code windows-sysmon} (evtx_dump JSON of Sysmon event 1) or {@code linux-flat}
 * @param origin    {@code executor} for the interpreter Invoke-AtomicTest starts, {@code child} for a program the
 *                  command line starts (inferred from the command text)
 * @param image     the process image (also inside {@code event})
 * @param commandLine the process command line (also inside {@code event})
 * @param event     the event itself, as the evaluation engine takes it
 */
public record SimulatedEvent(String techniqueId, String testGuid, String testName, String product, String shape,
                             String origin, String image, String commandLine, Map<String, Object> event) {

    public static final String CATEGORY = "process_creation";

    /** "process creation of /bin/sh with command line sh -c ..." for the rule page's expected telemetry. */
    public String telemetry() {
        return "process creation of " + image + " with command line " + commandLine;
    }
}
