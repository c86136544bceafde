package io.detectionhub.library;

/** One file to import: its path in the source, its text, and the provenance its rules get. */
public record RuleImport(String path, String yaml, RuleProvenance provenance) {
}
