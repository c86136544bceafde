package io.detectionhub.attack.atomic;

import java.util.List;

import io.detectionhub.attack.catalog.CatalogueProvenance;

/** The serialised Atomic Red Team index: technique to tests. */
public record AtomicIndexData(int formatVersion, CatalogueProvenance provenance, List<AtomicTechnique> techniques) {

    public static final int FORMAT_VERSION = 1;

    public AtomicIndexData {
        techniques = List.copyOf(techniques);
    }
}
