package io.detectionhub.deployment.web;

import io.detectionhub.library.enrichment.DeploymentSettings;
import io.detectionhub.web.RequestText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deploy tab's settings form: text fields, "default" choices for the switches, custom details as
 * {@code Name = Column} lines and entities as {@code Type: Identifier=Column, Identifier=Column} lines. An empty field
 * takes the default.
 */
class DeploySettingsForm {

    static final int MAX_LINES = 50;

    private Long version;
    private String frequency = "";
    private String period = "";
    private String threshold = "";
    private String severity = "";
    private String suppressionEnabled = "";
    private String suppressionDuration = "";
    private String grouping = "";
    private String createIncident = "";
    private String groupIncidents = "";
    private String enabled = "";
    private String customDetails = "";
    private String entities = "";

    static DeploySettingsForm of(DeploymentSettings s, long version) {
        DeploySettingsForm f = new DeploySettingsForm();
        f.version = version;
        f.frequency = text(s.frequency());
        f.period = text(s.period());
        f.threshold = s.threshold() == null ? "" : String.valueOf(s.threshold());
        f.severity = text(s.severity());
        f.suppressionEnabled = bool(s.suppressionEnabled());
        f.suppressionDuration = text(s.suppressionDuration());
        f.grouping = text(s.grouping());
        f.createIncident = bool(s.createIncident());
        f.groupIncidents = bool(s.groupIncidents());
        f.enabled = bool(s.enabled());
        StringBuilder details = new StringBuilder();
        s.customDetails().forEach((k, v) -> details.append(k).append(" = ").append(v).append('\n'));
        f.customDetails = details.toString();
        StringBuilder entityLines = new StringBuilder();
        for (DeploymentSettings.Entity e : s.entities()) {
            entityLines.append(e.type()).append(": ");
            List<String> ids = new ArrayList<>();
            e.identifiers().forEach((k, v) -> ids.add(k + "=" + v));
            entityLines.append(String.join(", ", ids)).append('\n');
        }
        f.entities = entityLines.toString();
        return f;
    }

    /** The settings the form states; {@code problems} collects what does not read. */
    DeploymentSettings settings(List<String> problems) {
        Integer t = null;
        if (!blank(threshold)) {
            try {
                t = Integer.valueOf(threshold.strip());
            } catch (NumberFormatException e) {
                problems.add("Threshold: '" + RequestText.printable(threshold) + "' is not a whole number");
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        List<String> detailLines = lines(customDetails);
        for (String line : detailLines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                problems.add("Custom details: '" + RequestText.printable(line) + "' is not Name = Column");
            } else {
                details.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        List<DeploymentSettings.Entity> entityList = new ArrayList<>();
        for (String line : lines(entities)) {
            int colon = line.indexOf(':');
            Map<String, String> ids = new LinkedHashMap<>();
            if (colon > 0) {
                for (String pair : line.substring(colon + 1).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && eq < pair.length() - 1) {
                        ids.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    } else if (!pair.isBlank()) {
                        ids.clear();
                        break;
                    }
                }
            }
            if (colon <= 0 || ids.isEmpty()) {
                problems.add("Entities: '" + RequestText.printable(line)
                        + "' is not Type: Identifier=Column, Identifier=Column");
            } else {
                entityList.add(new DeploymentSettings.Entity(line.substring(0, colon).strip(), ids));
            }
        }
        if (detailLines.size() > MAX_LINES || lines(entities).size() > MAX_LINES) {
            problems.add("At most " + MAX_LINES + " lines of custom details and of entities");
        }
        return new DeploymentSettings(nullIfBlank(frequency), nullIfBlank(period), t, nullIfBlank(severity),
                choice(suppressionEnabled), nullIfBlank(suppressionDuration), nullIfBlank(grouping),
                choice(createIncident), choice(groupIncidents), choice(enabled), details, entityList);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static Boolean choice(String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }

    private static String bool(Boolean b) {
        return b == null ? "" : b.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s.strip();
    }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getFrequency() { return frequency; }
    public void setFrequency(String frequency) { this.frequency = frequency; }
    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public String getThreshold() { return threshold; }
    public void setThreshold(String threshold) { this.threshold = threshold; }
    public String getSeverity() { return severity; }
    public void setSeverity(String severity) { this.severity = severity; }
    public String getSuppressionEnabled() { return suppressionEnabled; }
    public void setSuppressionEnabled(String suppressionEnabled) { this.suppressionEnabled = suppressionEnabled; }
    public String getSuppressionDuration() { return suppressionDuration; }
    public void setSuppressionDuration(String suppressionDuration) { this.suppressionDuration = suppressionDuration; }
    public String getGrouping() { return grouping; }
    public void setGrouping(String grouping) { this.grouping = grouping; }
    public String getCreateIncident() { return createIncident; }
    public void setCreateIncident(String createIncident) { this.createIncident = createIncident; }
    public String getGroupIncidents() { return groupIncidents; }
    public void setGroupIncidents(String groupIncidents) { this.groupIncidents = groupIncidents; }
    public String getEnabled() { return enabled; }
    public void setEnabled(String enabled) { this.enabled = enabled; }
    public String getCustomDetails() { return customDetails; }
    public void setCustomDetails(String customDetails) { this.customDetails = customDetails; }
    public String getEntities() { return entities; }
    public void setEntities(String entities) { this.entities = entities; }
}
