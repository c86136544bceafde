package io.detectionhub.sigma.model;

/** The {@code logsource} of a rule or filter; any attribute may be null. Values are lower-cased by the parser. */
public record LogSource(String category, String product, String service, String definition) {

    public static final LogSource EMPTY = new LogSource(null, null, null, null);

    /**
     * True when every attribute set on {@code this} equals the same attribute of {@code other}
     * (a filter's logsource "covers" a rule's logsource this way).
     */
    public boolean covers(LogSource other) {
        return (category == null || category.equals(other.category))
                && (product == null || product.equals(other.product))
                && (service == null || service.equals(other.service));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb, "product", product);
        append(sb, "category", category);
        append(sb, "service", service);
        return sb.isEmpty() ? "(any)" : sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(key).append('=').append(value);
        }
    }
}
