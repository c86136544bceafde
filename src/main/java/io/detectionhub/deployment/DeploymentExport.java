package io.detectionhub.deployment;

import java.util.List;

/**
 * One rule exported in one format: the file's name and content, and what the builder and validator found. Content is
 * null when the target cannot translate the rule ({@code refusal} says why).
 */
public record DeploymentExport(String ruleId, String title, DeploymentFormat format, String target, String fileName,
                               String content, String refusal, List<Finding> findings, AnalyticsRule rule) {

    public boolean valid() {
        return content != null && findings.stream().noneMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }
}
