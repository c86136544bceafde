package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generic target written in the target format, as a starting point for a user's own table. */
final class GenericTargetDefinition {

    private GenericTargetDefinition() {
    }

    static Map<String, Object> of(Target generic) {
        TableMapping table = generic.tables().values().iterator().next();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", generic.name());
        root.put("description", generic.description());
        root.put("unmapped-fields", generic.unmappedFields().keyword());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("table", table.name());
        rule.put("reason", generic.logsources().get(0).reason());
        root.put("logsources", List.of(rule));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", table.timestampColumn());
        root.put("tables", Map.of(table.name(), body));
        return root;
    }
}
