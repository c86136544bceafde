package io.detectionhub.web;

import org.springframework.http.MediaType;

import java.util.List;

/**
 * The media types a YAML body may be sent as: the registered {@code application/yaml} and the names tools still use.
 * Request mappings take them through {@link YamlRequestMapping}.
 */
public final class YamlMediaTypes {

    public static final String APPLICATION_YAML = "application/yaml";
    public static final String APPLICATION_X_YAML = "application/x-yaml";
    public static final String TEXT_YAML = "text/yaml";
    public static final String TEXT_X_YAML = "text/x-yaml";

    /** Every name of YAML, the registered one first. */
    public static final List<MediaType> ALL = List.of(MediaType.parseMediaType(APPLICATION_YAML),
            MediaType.parseMediaType(APPLICATION_X_YAML), MediaType.parseMediaType(TEXT_YAML),
            MediaType.parseMediaType(TEXT_X_YAML));

    /** A YAML download in UTF-8. */
    public static final MediaType YAML_UTF8 = new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8);

    private YamlMediaTypes() {
    }

    /** True when {@code type} is one of the names of YAML. */
    public static boolean isYaml(MediaType type) {
        return type != null && ALL.stream().anyMatch(yaml -> yaml.equalsTypeAndSubtype(type));
    }
}
