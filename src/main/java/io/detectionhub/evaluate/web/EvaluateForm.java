package io.detectionhub.evaluate.web;

import io.detectionhub.evaluate.EvaluationSettings;

/**
 * The evaluate page's form: events (pasted), format, which rules (mode: library, ids or yaml), and the fields of the
 * {@link EvaluationSettings} it runs with (schema, logsource hint, whether to explain why rules did not fire, whether
 * stored rules run without their tuning exceptions).
 */
public class EvaluateForm {

    private String events = "";
    private String format = "auto";
    private String schema = "sigma";
    private String mode = "library";
    private String ruleIds = "";
    private String rule = "";
    private String product = "";
    private String category = "";
    private boolean explainMisses;
    private boolean ignoreExceptions;

    /** The settings the form asks for. */
    EvaluationSettings settings() {
        return EvaluationSettings.NONE.withSchema(schema).withLogsourceHint(product, category, null)
                .withExplainMisses(explainMisses && !"library".equals(mode)).withExceptions(!ignoreExceptions);
    }

    /** Run stored rules without their tuning exceptions ("would it fire without them?"). */
    public boolean isIgnoreExceptions() {
        return ignoreExceptions;
    }

    public void setIgnoreExceptions(boolean ignoreExceptions) {
        this.ignoreExceptions = ignoreExceptions;
    }

    public boolean isExplainMisses() {
        return explainMisses;
    }

    public void setExplainMisses(boolean explainMisses) {
        this.explainMisses = explainMisses;
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = product == null ? "" : product.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category == null ? "" : category.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String getEvents() {
        return events;
    }

    public void setEvents(String events) {
        this.events = events == null ? "" : events;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format == null ? "auto" : format;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema == null ? "sigma" : schema;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode == null ? "library" : mode;
    }

    public String getRuleIds() {
        return ruleIds;
    }

    public void setRuleIds(String ruleIds) {
        this.ruleIds = ruleIds == null ? "" : ruleIds;
    }

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule == null ? "" : rule;
    }
}
