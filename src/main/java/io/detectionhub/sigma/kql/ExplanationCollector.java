package io.detectionhub.sigma.kql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gathers the facts of one translation as they happen (first mention of each field wins). */
final class ExplanationCollector {

    private final Map<String, Explanation.FieldUse> fields = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    void field(String sigmaField, Explanation.Kind kind, List<String> columns, String detail) {
        fields.putIfAbsent(sigmaField + "\u0000" + kind, new Explanation.FieldUse(sigmaField, kind, columns, detail));
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    Explanation build(String target, String table, String tableReason) {
        return build(target, table, tableReason, List.of());
    }

    Explanation build(String target, String table, String tableReason,
                      List<io.detectionhub.sigma.kql.target.EntityMapping> entities) {
        return new Explanation(target, table, tableReason, new ArrayList<>(fields.values()), new ArrayList<>(warnings),
                entities);
    }
}
