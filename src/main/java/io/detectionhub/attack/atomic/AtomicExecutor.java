package io.detectionhub.attack.atomic;

/**
 * How an Atomic test runs: {@code name} is sh, bash, powershell, command_prompt or manual; {@code command} and
 * {@code cleanupCommand} still hold {@code #{argument}} placeholders (manual tests give steps instead of a command).
 */
public record AtomicExecutor(String name, String command, String cleanupCommand, String steps,
                             boolean elevationRequired) {
}
