package io.detectionhub.attack.catalog;

import java.util.List;

/** The serialised ATT&amp;CK catalogue: tactics in matrix order and every live technique and sub-technique. */
public record AttackCatalogueData(int formatVersion, CatalogueProvenance provenance, String attackVersion,
                                  List<Tactic> tactics, List<Technique> techniques) {

    public static final int FORMAT_VERSION = 1;

    public AttackCatalogueData {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
    }
}
