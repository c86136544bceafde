package io.detectionhub.deployment;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.sigma.model.SigmaRule;

/**
 * A rule's deployment settings as stored ({@code settings}, empty values meaning "the default") and as they take
 * effect ({@code effective}), with the rule's version for If-Match.
 */
public record SettingsView(String ruleId, long version, DeploymentSettings settings, EffectiveView effective) {

    /** The effective settings in the API's terms (durations as ISO 8601). */
    public record EffectiveView(String frequency, String period, int threshold, String severity,
                                boolean suppressionEnabled, String suppressionDuration, String grouping,
                                boolean createIncident, boolean groupIncidents, boolean enabled) {
    }

    static SettingsView of(StoredRule rule) {
        EffectiveSettings e = effective(rule, rule.enrichment().deployment());
        return new SettingsView(rule.id(), rule.version(), rule.enrichment().deployment(),
                new EffectiveView(Durations.iso(e.frequency()), Durations.iso(e.period()), e.threshold(), e.severity(),
                        e.suppressionEnabled(), Durations.iso(e.suppressionDuration()), e.grouping(),
                        e.createIncident(), e.groupIncidents(), e.enabled()));
    }

    static EffectiveSettings effective(StoredRule rule, DeploymentSettings settings) {
        return EffectiveSettings.of(settings, rule.document().metadata().level(),
                rule.document() instanceof SigmaRule r ? r.logsource() : null, DeploymentService.span(rule));
    }
}
