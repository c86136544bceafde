package io.detectionhub.library;

import io.detectionhub.library.enrichment.Enrichment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the stored enrichment JSON with a mapper of its own, so that the stored format does not change
 * with the web layer's JSON settings.
 */
@Component
public class EnrichmentJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String write(Enrichment enrichment) {
        return mapper.writeValueAsString(enrichment);
    }

    public Enrichment read(String json) {
        return mapper.readValue(json, Enrichment.class);
    }
}
