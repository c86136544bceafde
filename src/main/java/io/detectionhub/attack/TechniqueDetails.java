package io.detectionhub.attack;

import java.util.List;

import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.catalog.Tactic;

/**
 * Everything the technique page and {@code GET /api/attack/techniques/{id}} show about one technique. Unknown ids
 * give a minimal entry ({@code inCatalogue=false}), never an error.
 */
public record TechniqueDetails(
        String id,
        String name,
        String fullName,
        boolean subTechnique,
        boolean inCatalogue,
        String source,
        String tacticsSource,
        List<Tactic> tactics,
        String description,
        String url,
        List<String> platforms,
        List<String> dataComponents,
        TechniqueRef parent,
        List<TechniqueRef> subTechniques,
        List<AtomicTest> atomicTests) {

    /** A link to another technique. */
    public record TechniqueRef(String id, String name) {
    }
}
