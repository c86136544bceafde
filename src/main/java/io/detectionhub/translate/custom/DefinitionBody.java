package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.TargetDefinitionException;
import io.detectionhub.web.JsonProblems;
import io.detectionhub.web.RequestText;
import org.springframework.http.MediaType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * A request body holding a target definition: YAML text as is; JSON either as the definition itself (stored as the
 * equivalent YAML, so that {@code ?format=yaml} and the editor show YAML) or as an envelope
 * {@code {"definition": "<yaml>", "comment": "why"}}.
 */
record DefinitionBody(String definition, String comment) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads a body: text strictly in its declared charset (UTF-8 unless stated; 400 when it is not valid). */
    static DefinitionBody read(byte[] bytes, MediaType contentType) {
        String body = bytes == null ? null : RequestText.decode(bytes, contentType);
        if (body == null || body.isBlank()) {
            throw new TargetDefinitionException(List.of("the request body is empty: send the target definition"));
        }
        if (contentType == null || !contentType.getSubtype().toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return new DefinitionBody(body, null);
        }
        Object parsed;
        try {
            parsed = JSON.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new TargetDefinitionException(List.of(JsonProblems.describe(e)));
        }
        if (parsed instanceof Map<?, ?> map && map.get("definition") instanceof String text) {
            Object comment = map.get("comment");
            return new DefinitionBody(text, comment == null ? null : String.valueOf(comment));
        }
        if (parsed instanceof Map<?, ?> map && map.get("definition") instanceof Map<?, ?> inner) {
            Object comment = map.get("comment");
            return new DefinitionBody(toYaml(inner), comment == null ? null : String.valueOf(comment));
        }
        return new DefinitionBody(toYaml(parsed), null);
    }

    static String toYaml(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options).dump(value);
    }
}
