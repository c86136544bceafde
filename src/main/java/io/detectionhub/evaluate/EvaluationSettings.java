package io.detectionhub.evaluate;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The settings every evaluation endpoint takes as query parameters (or multipart fields): the schema the events are
 * in, the timestamp field for correlations, and the logsource hint for events that do not say what they are.
 */
public record EvaluationSettings(
        @Parameter(description = "Events in a KQL target schema: sentinel-asim, defender-xdr, azure-monitor or a user "
                + "target; fields are matched through that target's mapping") String schema,
        @Parameter(description = "Event field holding the timestamp (correlations); defaults to common names")
        String timestampField,
        @Parameter(description = "Logsource hint: product of events that do not say what they are") String product,
        @Parameter(description = "Logsource hint: category") String category,
        @Parameter(description = "Logsource hint: service") String service) {

    EvaluationParameters parameters() {
        return new EvaluationParameters(schema, timestampField, product, category, service, null);
    }
}
