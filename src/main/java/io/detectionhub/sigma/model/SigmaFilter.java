package io.detectionhub.sigma.model;

import java.util.List;

/**
 * A Sigma filter document ({@code filter:} section). Its condition is AND-ed to the condition of every named rule
 * whose logsource falls under the filter's logsource (pySigma semantics: exclusions are written {@code not selection}).
 */
public record SigmaFilter(RuleMetadata metadata, LogSource logsource, List<String> rules, Detection detection)
        implements SigmaDocument {

    public SigmaFilter {
        rules = List.copyOf(rules);
    }
}
