package io.detectionhub.deployment;

import io.detectionhub.library.StoredRule;
import io.detectionhub.library.enrichment.DeploymentSettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The builders and validator on the starter library's rules and on settings that break Sentinel's constraints. */
class AnalyticsRuleExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final StoredRule ssh = DeployedRules.stored(DeployedRules.starter("ssh_shell_invocation"),
            DeploymentSettings.DEFAULTS, 3);

    @Test
    void theSshRuleIsACompleteAnalyticsRule() {
        AnalyticsRule rule = DeployedRules.build(ssh, "sentinel-asim");
        assertThat(DeploymentValidator.validate(rule, DeploymentFormat.ARM)).noneMatch(Finding::isError);
        JsonNode template = JSON.readTree(DeploymentWriters.armTemplate(List.of(rule)));
        JsonNode resource = template.get("resources").get(0);
        assertThat(resource.get("type").asString()).isEqualTo("Microsoft.OperationalInsights/workspaces/providers/alertRules");
        assertThat(resource.get("kind").asString()).isEqualTo("Scheduled");
        assertThat(resource.get("apiVersion").asString()).isEqualTo(DeploymentWriters.API_VERSION);
        assertThat(resource.get("name").asString())
                .isEqualTo("[concat(parameters('workspace'),'/Microsoft.SecurityInsights/" + StableIds.of(ssh.id()) + "')]");
        JsonNode p = resource.get("properties");
        assertThat(p.get("severity").asString()).isEqualTo("High");
        assertThat(p.get("tactics").toString()).isEqualTo("[\"Execution\"]");
        assertThat(p.get("techniques").toString()).isEqualTo("[\"T1059\"]");
        assertThat(p.get("queryFrequency").asString()).isEqualTo("PT1H");
        assertThat(p.get("queryPeriod").asString()).isEqualTo("PT1H");
        assertThat(p.get("query").asString()).startsWith("imProcessCreate\n| where ").contains("| project ")
                .contains("DvcHostname");
        assertThat(p.get("entityMappings").findValuesAsString("entityType")).containsExactly("Host", "Account", "Process");
        assertThat(p.get("alertDetailsOverride").get("alertDisplayNameFormat").asString())
                .isEqualTo("Shell Invocation Via Ssh - Linux on {{DvcHostname}}");
        assertThat(p.get("incidentConfiguration").get("createIncident").asBoolean()).isTrue();
    }

    @Test
    void theArmTemplateIsValidForTheAlertRulesSchemaAndTheSchemaRefusesWhatSentinelWould() {
        String template = DeploymentWriters.armTemplate(List.of(DeployedRules.build(ssh, "sentinel-asim"),
                DeployedRules.build(ssh, "defender-xdr")));
        assertThat(AlertRulesSchema.problems(template)).isEmpty();
        assertThat(AlertRulesSchema.problems(template.replace("\"High\"", "\"Critical\"")))
                .anyMatch(p -> p.contains("severity"));
        assertThat(AlertRulesSchema.problems(template.replace("\"PT1H\"", "\"1h\""))).isNotEmpty();
        assertThat(AlertRulesSchema.problems(template.replace("\"techniques\"", "\"technique\""))).isNotEmpty();
    }

    @Test
    void theSameRuleAlwaysGetsTheSameNameAndTheVersionFollowsTheRule() {
        assertThat(StableIds.of(ssh.id())).isEqualTo(StableIds.of(ssh.id())).isNotEqualTo(StableIds.of("other"));
        assertThat(StableIds.of(ssh.id()).version()).isEqualTo(5);
        // RFC 9562's example: the DNS namespace and www.example.com
        assertThat(StableIds.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(DeployedRules.build(ssh, "sentinel-asim").version()).isEqualTo("1.0.3");
    }

    @Test
    void theSentinelYamlHasTheRepositoryLayout() {
        AnalyticsRule rule = DeployedRules.build(ssh, "sentinel-asim");
        Map<String, Object> yaml = new Yaml().load(DeploymentWriters.sentinelYaml(rule));
        assertThat(yaml.keySet()).containsSubsequence("id", "name", "description", "severity", "requiredDataConnectors",
                "queryFrequency", "queryPeriod", "triggerOperator", "triggerThreshold", "tactics", "relevantTechniques",
                "query", "entityMappings", "version", "kind");
        assertThat(yaml).containsEntry("queryFrequency", "1h").containsEntry("triggerOperator", "gt")
                .containsEntry("kind", "Scheduled").containsEntry("version", "1.0.3")
                .containsEntry("id", StableIds.of(ssh.id()).toString());
        assertThat(DeploymentWriters.sentinelYaml(rule)).contains("query: |");
    }

    @Test
    void theDefenderBodyKeepsTheColumnsCustomDetectionsNeed() {
        AnalyticsRule rule = DeployedRules.build(ssh, "defender-xdr");
        assertThat(DeploymentValidator.validate(rule, DeploymentFormat.DEFENDER_JSON)).noneMatch(Finding::isError);
        JsonNode body = JSON.readTree(DeploymentWriters.defenderJson(rule));
        assertThat(body.get("queryCondition").get("queryText").asString())
                .contains("| project Timestamp, ReportId, DeviceId, DeviceName");
        assertThat(body.get("schedule").get("period").asString()).isEqualTo("1H");
        JsonNode alert = body.get("detectionAction").get("alertTemplate");
        assertThat(alert.get("severity").asString()).isEqualTo("high");
        assertThat(alert.get("category").asString()).isEqualTo("Execution");
        assertThat(alert.get("mitreTechniques").toString()).isEqualTo("[\"T1059\"]");
        assertThat(alert.get("impactedAssets").findValuesAsString("identifier")).containsExactly("deviceId", "accountSid");
    }

    @Test
    void criticalIsHighAndTheSeverityCanBeOverridden() {
        StoredRule critical = DeployedRules.stored(DeployedRules.starter("ssh_shell_invocation")
                .replace("level: high", "level: critical"), DeploymentSettings.DEFAULTS, 1);
        assertThat(DeployedRules.build(critical, "sentinel-asim").settings().severity()).isEqualTo("High");
        assertThat(DeployedRules.build(critical, "sentinel-asim").settings().frequency()).hasMinutes(15);
        StoredRule overridden = DeployedRules.stored(DeployedRules.starter("ssh_shell_invocation"),
                new DeploymentSettings(null, null, null, "Low", null, null, null, null, null, null, null, null), 1);
        assertThat(DeployedRules.build(overridden, "sentinel-asim").settings().severity()).isEqualTo("Low");
    }

    @Test
    void theValidatorExplainsEveryViolation() {
        StoredRule broken = DeployedRules.stored(DeployedRules.starter("ssh_shell_invocation"),
                new DeploymentSettings("2m", "1m", 20_000, null, true, "20d", null, null, null, null,
                        Map.of("1bad", "TargetProcessName", "Missing", "NoSuchColumn"),
                        List.of(new DeploymentSettings.Entity("Hots", Map.of("HostName", "DvcHostname")),
                                new DeploymentSettings.Entity("Host", Map.of("HostNam", "DvcHostname")),
                                new DeploymentSettings.Entity("Account", Map.of("Name", "TargetUsername")),
                                new DeploymentSettings.Entity("IP", Map.of("Address", "DvcHostname")),
                                new DeploymentSettings.Entity("URL", Map.of("Url", "DvcHostname")),
                                new DeploymentSettings.Entity("DNS", Map.of("DomainName", "DvcHostname")))), 1);
        List<String> findings = DeploymentValidator.validate(DeployedRules.build(broken, "sentinel-asim"),
                DeploymentFormat.ARM).stream().filter(Finding::isError).map(Finding::toString).toList();
        assertThat(findings).anyMatch(f -> f.startsWith("error queryFrequency: 2m is outside 5m to 14d"))
                .anyMatch(f -> f.startsWith("error queryPeriod: 1m is outside 5m to 14d"))
                .anyMatch(f -> f.startsWith("error queryPeriod: the period (1m) must be at least the frequency (2m)"))
                .anyMatch(f -> f.startsWith("error triggerThreshold:"))
                .anyMatch(f -> f.startsWith("error suppressionDuration: 20d is outside"))
                .anyMatch(f -> f.startsWith("error entityMappings: 6 entity mappings; at most 5"))
                .anyMatch(f -> f.startsWith("error entityMappings: 'Hots' is not an entity type"))
                .anyMatch(f -> f.startsWith("error entityMappings: 'HostNam' is not an identifier of Host"))
                .anyMatch(f -> f.startsWith("error customDetails: '1bad' must start with a letter"))
                .anyMatch(f -> f.startsWith("error customDetails: Missing: 'NoSuchColumn' is not a column"));
    }

    @Test
    void aCorrelationsPeriodCoversItsTimespanAndDefenderRefusesIt() {
        String yaml = """
                title: ssh
                id: 0c3e5a7e-1111-4000-8000-000000000001
                name: ssh_shell
                logsource: {category: process_creation, product: linux}
                detection:
                  sel: {Image|endswith: '/ssh'}
                  condition: sel
                ---
                title: Many ssh shells
                id: 0c3e5a7e-1111-4000-8000-000000000002
                correlation:
                  type: event_count
                  rules: [ssh_shell]
                  group-by: [User]
                  timespan: 6h
                  condition: {gte: 5}
                level: medium
                tags: [attack.execution, attack.t1059.004]
                """;
        StoredRule correlation = DeployedRules.stored(yaml, DeploymentSettings.DEFAULTS, 1);
        AnalyticsRule rule = DeployedRules.build(correlation, "defender-xdr");
        assertThat(rule.settings().period()).hasHours(6);
        assertThat(rule.techniques()).containsExactly("T1059");
        assertThat(rule.subTechniques()).containsExactly("T1059.004");
        assertThat(rule.entities()).extracting(e -> e.describe()).containsExactly("Account: Name=User");
        assertThat(DeploymentValidator.validate(rule, DeploymentFormat.ARM)).noneMatch(Finding::isError);
        assertThat(DeploymentValidator.validate(rule, DeploymentFormat.DEFENDER_JSON)).anyMatch(Finding::isError);
        StoredRule tooShort = DeployedRules.stored(yaml, new DeploymentSettings(null, "1h", null, null, null, null,
                null, null, null, null, null, null), 1);
        assertThat(DeploymentValidator.validate(DeployedRules.build(tooShort, "defender-xdr"), DeploymentFormat.ARM))
                .anyMatch(f -> f.isError() && f.message().contains("must cover the correlation's timespan (6h)"));
    }

    @Test
    void v19TacticsSentinelDoesNotKnowAreDefenseEvasionWithAWarning() {
        StoredRule stealth = DeployedRules.stored(DeployedRules.starter("ssh_shell_invocation")
                .replace("attack.execution", "attack.stealth"), DeploymentSettings.DEFAULTS, 1);
        AnalyticsRule rule = DeployedRules.build(stealth, "sentinel-asim");
        assertThat(rule.tactics()).containsExactly("DefenseEvasion");
        assertThat(rule.findings()).anyMatch(f -> f.message().contains("'stealth' is not a Sentinel tactic yet"));
    }
}
