package io.detectionhub.sources;

import java.util.List;

/** What an import did with one file: status ({@code created}, ..., {@code skipped}), its rules, why (if refused). */
public record ImportFileReport(String path, String status, List<String> ruleIds, String message) {
}
