package io.detectionhub.attack.catalog;

import java.util.List;

/**
 * Where a shipped or loaded catalogue comes from, and the credit its licence asks for.
 *
 * @param sources     one line per source (repository, commit, date, version)
 * @param version     ATT&amp;CK version ("18 + v19 tactics overlay") or Atomic Red Team commit
 * @param generatedAt ISO-8601 instant
 * @param notice      the copyright / licence text that must be reproduced
 * @param notes       how the data was reconstructed (e.g. the v19 tactic order)
 */
public record CatalogueProvenance(List<String> sources, String version, String generatedAt, String notice,
                                  List<String> notes) {

    public CatalogueProvenance {
        sources = sources == null ? List.of() : List.copyOf(sources);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
