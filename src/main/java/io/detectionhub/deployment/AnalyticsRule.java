package io.detectionhub.deployment;

import io.detectionhub.sigma.kql.target.EntityMapping;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One rule as it is deployed, in the terms all three formats share; the writers turn it into an ARM resource,
 * Azure-Sentinel YAML or a Graph detection rule.
 *
 * @param guid            the stable resource name ({@link StableIds})
 * @param version         {@code 1.0.<rule version>}: grows with every approved change of the rule
 * @param tactics         Sentinel tactic names
 * @param techniques      parent technique ids ({@code T1059})
 * @param subTechniques   sub-technique ids ({@code T1059.004})
 * @param tables          the tables the query reads (for required data connectors)
 * @param columns         the query's output columns when known (for checking custom details and entities), else empty
 * @param keyEntityColumn the column naming the alert's key entity (in the alert title), or null
 * @param correlationSpan a correlation's timespan, or null
 * @param defenderPeriod  Defender's schedule period ({@code 1H}, {@code 3H}, {@code 12H}, {@code 24H})
 * @param impactedAssets  Defender's impacted assets: asset type ({@code device}, {@code user}) to identifier
 */
public record AnalyticsRule(String ruleId, String guid, String version, String displayName, String description,
                            String query, String target, List<String> tables, List<String> columns,
                            EffectiveSettings settings, List<String> tactics, List<String> techniques,
                            List<String> subTechniques, List<EntityMapping> entities, String keyEntityColumn,
                            Duration correlationSpan, String defenderPeriod, List<Map.Entry<String, String>> impactedAssets,
                            String recommendedActions, List<Finding> findings) {
}
