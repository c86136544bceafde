package io.detectionhub.library.enrichment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a rule is deployed as a Microsoft Sentinel analytics rule or Defender XDR custom detection, as its team chose:
 * every value is optional, and one left empty takes the default derived from the rule's level and logsource (see
 * docs/deploy.md). Durations are {@code 5m}, {@code 1h}, {@code 2d} or ISO 8601 ({@code PT1H}, {@code P1D}).
 *
 * @param frequency           how often the query runs
 * @param period              how far back it looks (at least the frequency)
 * @param threshold           an alert when the query returns more rows than this (0-10,000)
 * @param severity            Informational, Low, Medium or High instead of the level's
 * @param suppressionEnabled  stop running for {@code suppressionDuration} after an alert
 * @param suppressionDuration how long
 * @param grouping            SingleAlert (one alert per run) or AlertPerResult (one per row)
 * @param createIncident      whether alerts create incidents
 * @param groupIncidents      whether related alerts are grouped into one incident
 * @param enabled             whether the deployed rule is enabled
 * @param customDetails       alert detail name to column (at most 20)
 * @param entities            entity mappings instead of the target's (1-5, each 1-3 identifiers)
 */
public record DeploymentSettings(
        @Pattern(regexp = DURATION, message = DURATION_MESSAGE) String frequency,
        @Pattern(regexp = DURATION, message = DURATION_MESSAGE) String period,
        @Min(0) @Max(10_000) Integer threshold,
        @Pattern(regexp = "Informational|Low|Medium|High", message = "must be Informational, Low, Medium or High") String severity,
        Boolean suppressionEnabled,
        @Pattern(regexp = DURATION, message = DURATION_MESSAGE) String suppressionDuration,
        @Pattern(regexp = "SingleAlert|AlertPerResult", message = "must be SingleAlert or AlertPerResult") String grouping,
        Boolean createIncident,
        Boolean groupIncidents,
        Boolean enabled,
        @Size(max = 50) Map<@Pattern(regexp = "[A-Za-z][A-Za-z0-9_]{0,19}", message = "must be a name of letters, digits and _ (at most 20)") String,
                @NotBlank @Size(max = 256) String> customDetails,
        @Size(max = 10) List<@Valid Entity> entities) {

    public static final String DURATION = "[0-9]{1,5}[mhd]|P(?!$)([0-9]{1,5}D)?(T(?=[0-9])([0-9]{1,5}H)?([0-9]{1,5}M)?)?";
    static final String DURATION_MESSAGE = "must be a duration such as 5m, 1h, 2d or PT1H";

    public static final DeploymentSettings DEFAULTS = new DeploymentSettings(null, null, null, null, null, null, null,
            null, null, null, null, null);

    public DeploymentSettings {
        customDetails = customDetails == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customDetails));
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** One entity mapping: a Sentinel entity type and identifier to column. */
    public record Entity(@NotBlank @Pattern(regexp = "[A-Za-z]{1,40}") String type,
                         @Size(min = 1, max = 5) Map<@Pattern(regexp = "[A-Za-z]{1,40}") String, @NotBlank @Size(max = 256) String> identifiers) {
        public Entity {
            identifiers = identifiers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        }
    }
}
