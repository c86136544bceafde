package io.detectionhub.library;

import java.time.Instant;

/**
 * Where an imported rule came from: {@code source} is the upload's name or the repository's URL, {@code revision} the
 * commit (null for uploads), {@code path} the file's path in the source, {@code retrievedAt} when the import read it,
 * {@code licence} what the source states (e.g. "DRL 1.1" for SigmaHQ), or null.
 */
public record RuleProvenance(String source, String revision, String path, Instant retrievedAt, String licence) {
}
