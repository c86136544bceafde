package io.detectionhub.deployment;

import io.detectionhub.web.BadRequestException;
import io.detectionhub.web.RequestText;

import java.util.Arrays;

/** The three shapes a rule is exported in. */
public enum DeploymentFormat {
    /** An ARM template with one {@code alertRules} resource per rule, deployable with {@code az deployment group create}. */
    ARM("arm", "json", "application/json"),
    /** An analytics rule in the layout of the Azure-Sentinel repository's {@code Detections/} folder. */
    SENTINEL_YAML("sentinel-yaml", "yaml", "application/yaml"),
    /** The body of Microsoft Graph's {@code POST /security/rules/detectionRules} (a Defender XDR custom detection). */
    DEFENDER_JSON("defender-json", "json", "application/json");

    private final String keyword;
    private final String extension;
    private final String mediaType;

    DeploymentFormat(String keyword, String extension, String mediaType) {
        this.keyword = keyword;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String keyword() {
        return keyword;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The target a format deploys to unless one is named: Defender's own tables for Defender, ASIM for Sentinel. */
    public String defaultTarget() {
        return this == DEFENDER_JSON ? "defender-xdr" : "sentinel-asim";
    }

    /** @throws BadRequestException naming the formats for anything else */
    public static DeploymentFormat of(String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return ARM;
        }
        return Arrays.stream(values()).filter(f -> f.keyword.equals(keyword.trim())).findFirst()
                .orElseThrow(() -> new BadRequestException("format must be arm, sentinel-yaml or defender-json, not '"
                        + RequestText.printable(keyword) + "'"));
    }
}
