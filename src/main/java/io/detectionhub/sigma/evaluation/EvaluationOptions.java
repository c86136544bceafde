package io.detectionhub.sigma.evaluation;

import java.util.List;
import java.util.Map;

/**
 * How rules are compiled: values for {@code %placeholders%} of the {@code expand} modifier, and the field-name
 * mapping of the schema the events are in ({@link FieldNameMapping#IDENTITY} for Sigma's own names).
 */
public record EvaluationOptions(Map<String, List<String>> placeholders, FieldNameMapping fieldNameMapping) {

    public static final EvaluationOptions DEFAULT = new EvaluationOptions(Map.of(), FieldNameMapping.IDENTITY);

    public EvaluationOptions {
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
        fieldNameMapping = fieldNameMapping == null ? FieldNameMapping.IDENTITY : fieldNameMapping;
    }

    public EvaluationOptions withPlaceholders(Map<String, List<String>> values) {
        return new EvaluationOptions(values, fieldNameMapping);
    }

    public EvaluationOptions withFieldNameMapping(FieldNameMapping mapping) {
        return new EvaluationOptions(placeholders, mapping);
    }
}
