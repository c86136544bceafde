package io.detectionhub.sigma.model;

import java.util.List;

/** One YAML map of a search identifier: it matches when all of its items match. */
public record DetectionMap(List<DetectionItem> items) {

    public DetectionMap {
        items = List.copyOf(items);
    }
}
