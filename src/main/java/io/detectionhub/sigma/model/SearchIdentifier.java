package io.detectionhub.sigma.model;

import java.util.List;

/**
 * A named search of the detection section. It matches when any of its {@code maps} matches
 * (a single map, a list of maps, or a keyword list, which is one map holding one field-less item).
 */
public record SearchIdentifier(String name, Form form, List<DetectionMap> maps) {

    public enum Form {
        /** {@code selection: {Field: value, ...}} */
        MAP,
        /** {@code selection: [{...}, {...}]}: an OR of maps */
        LIST_OF_MAPS,
        /** {@code keywords: [a, b]}: field-less values searched anywhere in the event */
        KEYWORDS
    }

    public SearchIdentifier {
        maps = List.copyOf(maps);
    }
}
