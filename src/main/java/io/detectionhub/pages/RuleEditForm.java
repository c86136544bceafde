package io.detectionhub.pages;

import java.util.Arrays;
import java.util.List;

/**
 * The fields of the rule editor form (new and edit). List fields are edited one entry per line.
 * {@code id} and {@code title} are only used to label the page when editing; {@code version} is the version of the
 * rule the editor showed, so that saving over a change made meanwhile is noticed.
 */
public class RuleEditForm {

    private String id;
    private String title;
    private Long version;
    private String yaml = "";
    private String huntHypothesis = "";
    private String falsePositiveGuidance = "";
    private String dataSources = "";
    private String requiredTables = "";
    private String confidence = "";
    private String sourceUrl = "";
    /** Why the change is made: the comment of the rule's new revision (not part of the rule). */
    private String comment = "";

    public boolean isCreating() {
        return id == null;
    }

    /** The non-blank lines of a multi-line field, trimmed. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String joinLines(List<String> lines) {
        return lines == null ? "" : String.join("\n", lines);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getYaml() {
        return yaml;
    }

    public void setYaml(String yaml) {
        this.yaml = yaml == null ? "" : yaml.replace("\r\n", "\n");
    }

    public String getHuntHypothesis() {
        return huntHypothesis;
    }

    public void setHuntHypothesis(String huntHypothesis) {
        this.huntHypothesis = huntHypothesis;
    }

    public String getFalsePositiveGuidance() {
        return falsePositiveGuidance;
    }

    public void setFalsePositiveGuidance(String falsePositiveGuidance) {
        this.falsePositiveGuidance = falsePositiveGuidance;
    }

    public String getDataSources() {
        return dataSources;
    }

    public void setDataSources(String dataSources) {
        this.dataSources = dataSources;
    }

    public String getRequiredTables() {
        return requiredTables;
    }

    public void setRequiredTables(String requiredTables) {
        this.requiredTables = requiredTables;
    }

    public String getConfidence() {
        return confidence;
    }

    public void setConfidence(String confidence) {
        this.confidence = confidence;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public void setSourceUrl(String sourceUrl) {
        this.sourceUrl = sourceUrl;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment == null ? "" : comment;
    }
}
