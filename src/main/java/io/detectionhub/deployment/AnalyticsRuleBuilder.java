package io.detectionhub.deployment;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.AttackMapping;
import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.Translation;
import io.detectionhub.sigma.kql.target.EntityMapping;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.sigma.model.RuleMetadata;
import io.detectionhub.sigma.model.SigmaCorrelation;
import io.detectionhub.sigma.model.SigmaDocument;
import io.detectionhub.sigma.model.SigmaRule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the deployed form of a stored rule from its plain translation for a target and its deployment settings. */
final class AnalyticsRuleBuilder {

    /** Graph's impactedDeviceAsset identifiers. */
    static final List<String> DEVICE_IDENTIFIERS = List.of("deviceId", "deviceName", "remoteDeviceName",
            "targetDeviceName", "destinationDeviceName");
    /** Graph's impactedUserAsset identifiers, preferred first. */
    static final List<String> USER_IDENTIFIERS = List.of("accountObjectId", "accountSid", "accountUpn",
            "initiatingProcessAccountUpn", "initiatingAccountSid", "accountName", "accountDomain", "accountId",
            "requestAccountSid", "requestAccountName", "requestAccountDomain", "recipientObjectId",
            "processAccountObjectId", "initiatingAccountName", "initiatingAccountDomain", "servicePrincipalId",
            "servicePrincipalName", "targetAccountUpn");

    private AnalyticsRuleBuilder() {
    }

    static AnalyticsRule build(StoredRule rule, Target target, Translation translation) {
        SigmaDocument document = rule.document();
        RuleMetadata metadata = document.metadata();
        LogSource logsource = document instanceof SigmaRule r ? r.logsource() : null;
        Duration span = document instanceof SigmaCorrelation c ? c.timespan() : null;
        List<Finding> findings = new ArrayList<>();
        DeploymentSettings stored = rule.enrichment().deployment();
        EffectiveSettings settings = EffectiveSettings.of(stored, metadata.level(), logsource, span);

        // entities: the person's override, else the target's for the table
        List<EntityMapping> entities = new ArrayList<>();
        if (!settings.entities().isEmpty()) {
            for (DeploymentSettings.Entity e : settings.entities()) {
                entities.add(new EntityMapping(e.type(), e.identifiers()));
            }
        } else {
            entities.addAll(translation.explanation().entities());
        }

        // the query: the plain translation, then (for a detection rule) a projection keeping the detection columns,
        // entity and custom detail columns and the analyst columns
        String query = translation.query();
        List<String> tables = List.of(translation.explanation().table().split(", "));
        List<String> columns = List.of();
        TableMapping table = span == null ? target.table(translation.explanation().table()).orElse(null) : null;
        if (table != null) {
            List<String> extra = new ArrayList<>();
            entities.forEach(e -> extra.addAll(e.columns()));
            extra.addAll(settings.customDetails().values());
            if (table.columnsKnown()) {
                extra.removeIf(c -> !table.columns().containsKey(c));
            }
            String projection = KqlTranslator.projection(table, extra);
            query = query + projection;
            if (!projection.isEmpty()) {
                Set<String> projected = new LinkedHashSet<>(table.detectionColumns());
                projected.addAll(extra);
                projected.addAll(table.analystColumns());
                columns = List.copyOf(projected);
            } else if (table.columnsKnown()) {
                columns = List.copyOf(table.columns().keySet());
            }
        }
        if (entities.isEmpty()) {
            findings.add(Finding.warning("entityMappings", "the target " + target.name() + " declares no entities for "
                    + translation.explanation().table() + " and the rule's settings name none: alerts will name no "
                    + "host, account or other entity to investigate (add entities to the target or to the rule's "
                    + "deployment settings)"));
        }

        // ATT&CK
        AttackMapping attack = rule.enrichment().attack();
        Set<String> tactics = new LinkedHashSet<>();
        for (String t : attack.tactics()) {
            String sentinel = SentinelTactics.of(t).orElse(null);
            if (sentinel == null && SentinelTactics.SUBSTITUTES.containsKey(t)) {
                sentinel = SentinelTactics.SUBSTITUTES.get(t);
                findings.add(Finding.warning("tactics", "ATT&CK v19's '" + t + "' is not a Sentinel tactic yet; "
                        + "exported as " + sentinel));
            }
            if (sentinel == null) {
                findings.add(Finding.warning("tactics", "'" + t + "' is not a tactic Sentinel knows; left out"));
            } else {
                tactics.add(sentinel);
            }
        }
        Set<String> techniques = new LinkedHashSet<>(attack.techniques());
        for (String sub : attack.subTechniques()) {
            techniques.add(sub.substring(0, sub.indexOf('.')));
        }

        // the key entity: a host, else an account, else the first entity
        String keyColumn = entities.stream().filter(e -> e.type().equals("Host")).findFirst()
                .or(() -> entities.stream().filter(e -> e.type().equals("Account")).findFirst())
                .or(() -> entities.stream().findFirst())
                .map(e -> e.columns().get(0)).orElse(null);

        // Defender: the schedule's period and the impacted assets
        String defenderPeriod = defenderPeriod(settings.frequency());
        List<Map.Entry<String, String>> assets = new ArrayList<>();
        List<String> candidates = new ArrayList<>(columns);
        entities.forEach(e -> candidates.addAll(e.columns()));
        firstIdentifier(candidates, DEVICE_IDENTIFIERS).ifPresent(id -> assets.add(Map.entry("device", id)));
        firstIdentifier(candidates, USER_IDENTIFIERS).ifPresent(id -> assets.add(Map.entry("user", id)));

        List<String> guidance = !rule.enrichment().tuningGuidance().isEmpty() ? rule.enrichment().tuningGuidance()
                : metadata.falsepositives() == null ? List.of() : metadata.falsepositives();
        String recommended = guidance.isEmpty() ? null
                : "Check for known false positives: " + String.join("; ", guidance);
        String description = metadata.description() == null || metadata.description().isBlank()
                ? "Sigma rule \"" + metadata.title() + "\"" : metadata.description().strip();
        for (String w : translation.explanation().warnings()) {
            findings.add(Finding.warning("query", "translation: " + w));
        }
        return new AnalyticsRule(rule.id(), StableIds.of(rule.id()).toString(), "1.0." + rule.version(),
                metadata.title(), description, query, target.name(), tables, columns, settings,
                List.copyOf(tactics), List.copyOf(techniques), attack.subTechniques(), List.copyOf(entities), keyColumn,
                span, defenderPeriod, List.copyOf(assets), recommended, findings);
    }

    /** Defender's schedule periods are 1H, 3H, 12H and 24H: the shortest one at least the frequency. */
    static String defenderPeriod(Duration frequency) {
        long minutes = frequency.toMinutes();
        if (minutes <= 60) {
            return "1H";
        }
        if (minutes <= 180) {
            return "3H";
        }
        return minutes <= 720 ? "12H" : "24H";
    }

    private static java.util.Optional<String> firstIdentifier(List<String> columns, List<String> identifiers) {
        Map<String, String> byIdentifier = new LinkedHashMap<>();
        for (String c : columns) {
            if (c.isEmpty()) {
                continue;
            }
            String camel = Character.toLowerCase(c.charAt(0)) + c.substring(1);
            byIdentifier.putIfAbsent(camel, c);
        }
        return identifiers.stream().filter(byIdentifier::containsKey).findFirst();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
