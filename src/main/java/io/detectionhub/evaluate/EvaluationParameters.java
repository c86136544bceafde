package io.detectionhub.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.detectionhub.sigma.model.LogSource;

/**
 * Per-request settings: the schema the events are in ({@code sentinel-asim}, {@code defender-xdr},
 * {@code azure-monitor}; none for Sigma field names), the timestamp field, what the events are when they do not say it
 * themselves (product/category/service), and values for {@code %placeholders%}.
 */
public record EvaluationParameters(String schema, String timestampField, String product, String category,
                                   String service, Map<String, List<String>> placeholders) {

    public EvaluationParameters {
        schema = blankToNull(schema);
        timestampField = blankToNull(timestampField);
        product = lower(product);
        category = lower(category);
        service = lower(service);
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }

    public static final EvaluationParameters NONE = new EvaluationParameters(null, null, null, null, null, null);

    /** The logsource hint, or null when none was given. */
    public LogSource logsourceHint() {
        return product == null && category == null && service == null ? null
                : new LogSource(category, product, service, null);
    }

    /** Values given here win over {@code other}'s. */
    public EvaluationParameters over(EvaluationParameters other) {
        return new EvaluationParameters(first(schema, other.schema), first(timestampField, other.timestampField),
                first(product, other.product), first(category, other.category), first(service, other.service),
                placeholders.isEmpty() ? other.placeholders : placeholders);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String lower(String s) {
        String t = blankToNull(s);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }
}
