package io.detectionhub.evaluate;

import io.detectionhub.sigma.model.LogSource;
import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.RequestText;
import io.swagger.v3.oas.annotations.Parameter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the events of an evaluation are to be read, the one settings type of every evaluation front door (query
 * parameters and multipart fields of the API, fields of a JSON request, the evaluate page's form): the schema the
 * events are in, the timestamp field for correlations, what the events are when they do not say it themselves
 * (product, category, service), values for {@code %placeholders%}, whether to explain misses, and whether stored
 * rules run with their tuning exceptions ({@code exceptions=ignore}: "would it fire without them?").
 */
public record EvaluationSettings(
        @Parameter(description = "Events in a KQL target schema: sentinel-asim, defender-xdr, azure-monitor or a user "
                + "target; fields are matched through that target's mapping. None (or sigma) for Sigma field names")
        String schema,
        @Parameter(description = "Event field holding the timestamp (correlations); defaults to common names")
        String timestampField,
        @Parameter(description = "Logsource hint: product of events that do not say what they are") String product,
        @Parameter(description = "Logsource hint: category") String category,
        @Parameter(description = "Logsource hint: service") String service,
        @Parameter(hidden = true) Map<String, List<String>> placeholders,
        @Parameter(description = "Also explain why each rule did not fire on each event it missed (routing, items "
                + "that failed with the event's values, the part of the condition that was false); needs rule or "
                + "ruleIds, at most " + EvaluationSettings.MISS_EXPLANATIONS + " explanations") Boolean explainMisses,
        @Parameter(description = "Stored rules run with their active tuning exceptions (apply, the default); ignore "
                + "runs them without, to see what the exceptions suppress", schema = @io.swagger.v3.oas.annotations
                .media.Schema(allowableValues = {"apply", "ignore"})) String exceptions) {

    /** Miss explanations per evaluation at most. */
    public static final int MISS_EXPLANATIONS = 500;

    /** {@code exceptions} value: stored rules run with their active tuning exceptions (the default). */
    public static final String APPLY_EXCEPTIONS = "apply";
    /** {@code exceptions} value: stored rules run without their tuning exceptions. */
    public static final String IGNORE_EXCEPTIONS = "ignore";

    /** Sigma field names, no hint, no placeholders, exceptions applied. */
    public static final EvaluationSettings NONE = new EvaluationSettings(null, null, null, null, null, null, null,
            null);

    /** The schema of Sigma's own field names, the same as none. */
    static final String SIGMA_SCHEMA = "sigma";

    public EvaluationSettings {
        schema = RequestText.blankToNull(schema);
        schema = SIGMA_SCHEMA.equalsIgnoreCase(schema) ? null : schema;
        timestampField = RequestText.blankToNull(timestampField);
        product = lower(product);
        category = lower(category);
        service = lower(service);
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
        exceptions = lower(exceptions);
    }

    /** These settings with events in {@code schema} (a KQL target's name; null or sigma for Sigma field names). */
    public EvaluationSettings withSchema(String schema) {
        return new EvaluationSettings(schema, timestampField, product, category, service, placeholders,
                explainMisses, exceptions);
    }

    /** These settings with the logsource of events that do not say what they are. */
    public EvaluationSettings withLogsourceHint(String product, String category, String service) {
        return new EvaluationSettings(schema, timestampField, product, category, service, placeholders,
                explainMisses, exceptions);
    }

    /** These settings, explaining misses or not. */
    public EvaluationSettings withExplainMisses(boolean explain) {
        return new EvaluationSettings(schema, timestampField, product, category, service, placeholders, explain,
                exceptions);
    }

    /** These settings, with stored rules' exceptions applied ({@code true}) or ignored. */
    public EvaluationSettings withExceptions(boolean apply) {
        return new EvaluationSettings(schema, timestampField, product, category, service, placeholders, explainMisses,
                apply ? APPLY_EXCEPTIONS : IGNORE_EXCEPTIONS);
    }

    /**
     * Whether stored rules run with their active tuning exceptions.
     *
     * @throws BadRequestException for a value other than apply or ignore
     */
    public boolean appliesExceptions() {
        if (exceptions == null || APPLY_EXCEPTIONS.equals(exceptions)) {
            return true;
        }
        if (IGNORE_EXCEPTIONS.equals(exceptions)) {
            return false;
        }
        throw new BadRequestException("exceptions must be 'apply' (the default) or 'ignore', not '"
                + (exceptions.length() > 40 ? exceptions.substring(0, 40) + "..." : exceptions) + "'");
    }

    /** True when misses are to be explained. */
    public boolean explainsMisses() {
        return Boolean.TRUE.equals(explainMisses);
    }

    /** The logsource hint, or null when none was given. */
    public LogSource logsourceHint() {
        return product == null && category == null && service == null ? null
                : new LogSource(category, product, service, null);
    }

    /** Values given here win over {@code other}'s. */
    public EvaluationSettings over(EvaluationSettings other) {
        return new EvaluationSettings(first(schema, other.schema), first(timestampField, other.timestampField),
                first(product, other.product), first(category, other.category), first(service, other.service),
                placeholders.isEmpty() ? other.placeholders : placeholders,
                explainMisses != null ? explainMisses : other.explainMisses, first(exceptions, other.exceptions));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String lower(String s) {
        String t = RequestText.blankToNull(s);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }
}
