package io.detectionhub.deployment;

import io.detectionhub.sigma.kql.target.EntityMapping;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes deployed rules in the three formats. The shapes follow Microsoft's published ones: the ARM resource
 * {@code Microsoft.OperationalInsights/workspaces/providers/alertRules} (kind Scheduled) of Microsoft.SecurityInsights
 * API version {@value #API_VERSION}, the Azure-Sentinel repository's {@code Detections/} YAML layout, and the beta
 * body of Microsoft Graph's {@code POST /security/rules/detectionRules}; docs/deploy.md says more.
 */
public final class DeploymentWriters {

    /** The current GA API version of Microsoft.SecurityInsights alert rules. */
    public static final String API_VERSION = "2025-09-01";
    static final String ARM_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    static final String RESOURCE_TYPE = "Microsoft.OperationalInsights/workspaces/providers/alertRules";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DeploymentWriters() {
    }

    static String write(DeploymentFormat format, AnalyticsRule rule) {
        return switch (format) {
            case ARM -> armTemplate(List.of(rule));
            case SENTINEL_YAML -> sentinelYaml(rule);
            case DEFENDER_JSON -> defenderJson(rule);
        };
    }

    // ------------------------------------------------------------------------------------------------ ARM template

    /** One ARM template deploying every rule given into the workspace named by its {@code workspace} parameter. */
    static String armTemplate(List<AnalyticsRule> rules) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema", ARM_SCHEMA);
        template.put("contentVersion", "1.0.0.0");
        template.put("parameters", Map.of("workspace", Map.of("type", "String",
                "metadata", Map.of("description", "The Log Analytics workspace where Microsoft Sentinel is set up"))));
        List<Object> resources = new ArrayList<>();
        for (AnalyticsRule rule : rules) {
            resources.add(armResource(rule));
        }
        template.put("resources", resources);
        return JSON.writeValueAsString(template) + "\n";
    }

    private static Map<String, Object> armResource(AnalyticsRule rule) {
        EffectiveSettings s = rule.settings();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("id", "[concat(resourceId('Microsoft.OperationalInsights/workspaces/providers', "
                + "parameters('workspace'), 'Microsoft.SecurityInsights'),'/alertRules/" + rule.guid() + "')]");
        resource.put("name", "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/" + rule.guid() + "')]");
        resource.put("type", RESOURCE_TYPE);
        resource.put("kind", "Scheduled");
        resource.put("apiVersion", API_VERSION);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", rule.displayName());
        p.put("description", rule.description());
        p.put("severity", s.severity());
        p.put("enabled", s.enabled());
        p.put("query", rule.query());
        p.put("queryFrequency", Durations.iso(s.frequency()));
        p.put("queryPeriod", Durations.iso(s.period()));
        p.put("triggerOperator", "GreaterThan");
        p.put("triggerThreshold", s.threshold());
        p.put("suppressionDuration", Durations.iso(s.suppressionDuration()));
        p.put("suppressionEnabled", s.suppressionEnabled());
        p.put("tactics", rule.tactics());
        p.put("techniques", rule.techniques());
        p.put("subTechniques", rule.subTechniques());
        if (!rule.entities().isEmpty()) {
            p.put("entityMappings", entityMappings(rule.entities()));
        }
        if (!s.customDetails().isEmpty()) {
            p.put("customDetails", s.customDetails());
        }
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("alertDisplayNameFormat", alertTitle(rule));
        override.put("alertDescriptionFormat", "Detection Hub rule " + rule.ruleId() + " (" + rule.target()
                + "), version " + rule.version());
        p.put("alertDetailsOverride", override);
        p.put("eventGroupingSettings", Map.of("aggregationKind", s.grouping()));
        Map<String, Object> grouping = new LinkedHashMap<>();
        grouping.put("enabled", s.groupIncidents());
        grouping.put("reopenClosedIncident", false);
        grouping.put("lookbackDuration", "PT5H");
        grouping.put("matchingMethod", "AllEntities");
        grouping.put("groupByEntities", List.of());
        grouping.put("groupByAlertDetails", List.of());
        grouping.put("groupByCustomDetails", List.of());
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("createIncident", s.createIncident());
        incident.put("groupingConfiguration", grouping);
        p.put("incidentConfiguration", incident);
        resource.put("properties", p);
        return resource;
    }

    /** The alert's title: the rule's, then the key entity as a placeholder ({@code on {{DeviceName}}}). */
    static String alertTitle(AnalyticsRule rule) {
        String title = rule.displayName().replace("{", "(").replace("}", ")");
        if (rule.keyEntityColumn() == null) {
            return title;
        }
        String suffix = " on {{" + rule.keyEntityColumn() + "}}";
        return (title.length() + suffix.length() > DeploymentValidator.MAX_NAME
                ? title.substring(0, DeploymentValidator.MAX_NAME - suffix.length()) : title) + suffix;
    }

    private static List<Object> entityMappings(List<EntityMapping> entities) {
        List<Object> mappings = new ArrayList<>();
        for (EntityMapping e : entities) {
            List<Object> fields = new ArrayList<>();
            e.identifiers().forEach((id, column) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("identifier", id);
                m.put("columnName", column);
                fields.add(m);
            });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entityType", e.type());
            m.put("fieldMappings", fields);
            mappings.add(m);
        }
        return mappings;
    }

    // ------------------------------------------------------------------------------------ Azure-Sentinel YAML

    static String sentinelYaml(AnalyticsRule rule) {
        EffectiveSettings s = rule.settings();
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("id", rule.guid());
        y.put("name", rule.displayName());
        y.put("description", rule.description() + "\n");
        y.put("severity", s.severity());
        y.put("requiredDataConnectors", DataConnectors.of(rule.tables()));
        y.put("queryFrequency", Durations.compact(s.frequency()));
        y.put("queryPeriod", Durations.compact(s.period()));
        y.put("triggerOperator", "gt");
        y.put("triggerThreshold", s.threshold());
        y.put("tactics", rule.tactics());
        List<String> relevant = new ArrayList<>(rule.techniques());
        rule.subTechniques().stream().filter(t -> !relevant.contains(t)).forEach(relevant::add);
        y.put("relevantTechniques", relevant);
        y.put("query", rule.query() + "\n");
        if (!rule.entities().isEmpty()) {
            y.put("entityMappings", entityMappings(rule.entities()));
        }
        if (!s.customDetails().isEmpty()) {
            y.put("customDetails", new LinkedHashMap<>(s.customDetails()));
        }
        y.put("alertDetailsOverride", Map.of("alertDisplayNameFormat", alertTitle(rule)));
        y.put("eventGroupingSettings", Map.of("aggregationKind", s.grouping()));
        y.put("version", rule.version());
        y.put("kind", "Scheduled");
        return yaml().dump(y);
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(10_000);
        options.setSplitLines(false);
        Representer representer = new Representer(options) {
            {
                this.representers.put(String.class, data -> {
                    String text = (String) data;
                    boolean multiline = text.indexOf('\n') >= 0 && text.indexOf('\n') < text.length() - 1
                            || text.endsWith("\n") && text.length() > 1;
                    return representScalar(Tag.STR, text,
                            multiline ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN);
                });
            }
        };
        return new Yaml(representer, options);
    }

    // ------------------------------------------------------------------------------------ Defender custom detection

    static String defenderJson(AnalyticsRule rule) {
        EffectiveSettings s = rule.settings();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", rule.displayName());
        body.put("isEnabled", s.enabled());
        body.put("queryCondition", Map.of("queryText", rule.query()));
        body.put("schedule", Map.of("period", rule.defenderPeriod()));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("title", rule.displayName());
        alert.put("description", rule.description());
        alert.put("severity", s.severity().toLowerCase(java.util.Locale.ROOT));
        alert.put("category", rule.tactics().isEmpty() ? "SuspiciousActivity" : rule.tactics().get(0));
        alert.put("recommendedActions", rule.recommendedActions());
        List<String> mitre = new ArrayList<>(rule.techniques());
        rule.subTechniques().stream().filter(t -> !mitre.contains(t)).forEach(mitre::add);
        alert.put("mitreTechniques", mitre);
        List<Object> assets = new ArrayList<>();
        for (Map.Entry<String, String> a : rule.impactedAssets()) {
            Map<String, Object> asset = new LinkedHashMap<>();
            asset.put("@odata.type", a.getKey().equals("device") ? "#microsoft.graph.security.impactedDeviceAsset"
                    : "#microsoft.graph.security.impactedUserAsset");
            asset.put("identifier", a.getValue());
            assets.add(asset);
        }
        alert.put("impactedAssets", assets);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("alertTemplate", alert);
        action.put("organizationalScope", null);
        action.put("responseActions", List.of());
        body.put("detectionAction", action);
        return JSON.writeValueAsString(body) + "\n";
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value) + "\n";
    }
}
