package io.detectionhub.attack.catalog.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.detectionhub.attack.catalog.Technique;
import io.detectionhub.attack.catalog.V19TacticOverlay;

/** Reads {@code attack/v19-tactics-from-art-overlay.json} (the shared data's format). */
public final class V19OverlayFileReader {

    private V19OverlayFileReader() {
    }

    public static V19TacticOverlay read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<V19TacticOverlay.Entry> entries = new ArrayList<>();
            for (JsonNode t : root.path("techniques")) {
                String id = Technique.normalizeId(t.path("id").asString(""));
                if (!Technique.isTechniqueId(id)) {
                    continue;
                }
                entries.add(new V19TacticOverlay.Entry(id, t.path("name_art").asString(null),
                        strings(t.path("tactics_v19")), strings(t.path("tactics_v18_1")),
                        t.path("in_v18_1").asBoolean(true)));
            }
            return new V19TacticOverlay(entries);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
