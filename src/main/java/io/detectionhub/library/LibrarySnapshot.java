package io.detectionhub.library;

import java.util.List;

/** Every rule of the library as of {@code version} (read in one transaction): cache what you compile per version. */
public record LibrarySnapshot(long version, List<LibraryRule> rules) {
}
