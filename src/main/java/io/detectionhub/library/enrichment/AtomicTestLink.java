package io.detectionhub.library.enrichment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A link from a rule to an Atomic Red Team test that exercises it (the catalogue's own test is
 * {@link io.detectionhub.attack.atomic.AtomicTest}): its name, GUID (the test's {@code auto_generated_guid}, if known),
 * the technique it belongs to, and the telemetry it should produce for the rule to fire.
 */
public record AtomicTestLink(
        @NotBlank @Size(max = 300) String name,
        @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", message = "must be a GUID") String guid,
        @Pattern(regexp = "T\\d{4}(\\.\\d{3})?", message = "must be a technique id such as T1059.004") String techniqueId,
        @Size(max = 4000) String expectedTelemetry) {
}
