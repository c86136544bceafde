package io.detectionhub.deployment;

import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.sigma.model.LogSource;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rule's deployment settings with every empty value replaced by its default, derived from the rule's level and
 * logsource (docs/deploy.md, "Defaults"):
 * <ul>
 *   <li>frequency: critical 15m, high and medium 1h, low and informational 1d (1h without a level);</li>
 *   <li>period: the frequency, plus 15m for cloud audit logs that arrive late (azure, m365, aws, gcp, okta...); a
 *       correlation's period is at least its timespan;</li>
 *   <li>severity: the level (critical is High, no level is Medium); enabled unless informational;</li>
 *   <li>threshold 0; suppression off (5h when switched on); one alert per run; incidents created, not grouped.</li>
 * </ul>
 */
public record EffectiveSettings(Duration frequency, Duration period, int threshold, String severity,
                                boolean suppressionEnabled, Duration suppressionDuration, String grouping,
                                boolean createIncident, boolean groupIncidents, boolean enabled,
                                Map<String, String> customDetails, List<DeploymentSettings.Entity> entities) {

    static final Set<String> LATE_PRODUCTS = Set.of("azure", "m365", "aws", "gcp", "okta", "github", "onelogin",
            "google_workspace", "bitbucket", "cisco");
    private static final Duration INGESTION_DELAY = Duration.ofMinutes(15);

    /**
     * @param correlationTimespan the correlation's timespan, or null for a detection rule
     * @throws IllegalArgumentException for a stored duration that does not read (validation keeps them out)
     */
    static EffectiveSettings of(DeploymentSettings s, String level, LogSource logsource, Duration correlationTimespan) {
        String lvl = level == null ? "" : level.toLowerCase(Locale.ROOT);
        Duration frequency = Durations.parse(s.frequency());
        if (frequency == null) {
            frequency = switch (lvl) {
                case "critical" -> Duration.ofMinutes(15);
                case "low", "informational" -> Duration.ofDays(1);
                default -> Duration.ofHours(1);
            };
        }
        Duration period = Durations.parse(s.period());
        if (period == null) {
            period = frequency;
            if (logsource != null && logsource.product() != null
                    && LATE_PRODUCTS.contains(logsource.product().toLowerCase(Locale.ROOT))) {
                period = period.plus(INGESTION_DELAY);
            }
            if (correlationTimespan != null && correlationTimespan.compareTo(period) > 0) {
                period = correlationTimespan;
            }
        }
        String severity = s.severity() != null ? s.severity() : severityOf(lvl);
        Duration suppression = Durations.parse(s.suppressionDuration());
        return new EffectiveSettings(frequency, period, s.threshold() == null ? 0 : s.threshold(), severity,
                Boolean.TRUE.equals(s.suppressionEnabled()), suppression == null ? Duration.ofHours(5) : suppression,
                s.grouping() == null ? "SingleAlert" : s.grouping(),
                s.createIncident() == null || s.createIncident(),
                Boolean.TRUE.equals(s.groupIncidents()),
                s.enabled() != null ? s.enabled() : !"informational".equals(lvl),
                s.customDetails(), s.entities());
    }

    /** Sentinel's severity for a Sigma level: critical is High (Sentinel has no higher one). */
    static String severityOf(String level) {
        return switch (level == null ? "" : level.toLowerCase(Locale.ROOT)) {
            case "informational" -> "Informational";
            case "low" -> "Low";
            case "high", "critical" -> "High";
            default -> "Medium";
        };
    }
}
