package io.detectionhub.attack.admin;

import java.util.List;

/** What an admin load stored: counts, the stored (compressed) size, and files that were skipped with the reason. */
public record CatalogueLoadResult(String kind, long revision, String version, int tactics, int techniques, int tests,
                                 long storedBytes, List<String> skipped) {
}
