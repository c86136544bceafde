package io.detectionhub.translate.custom;

import java.util.List;

/** A definition that loads: its name, base, policy, tables and number of logsource rules (problems come as 400). */
public record ValidationResult(boolean valid, String name, String base, String unmappedFields, List<String> tables,
                               int logsourceRules) {
}
