package io.detectionhub.sources;

/**
 * Published (inside its transaction) when an import job starts, is asked to stop, or ends; the rules it writes are
 * published by the library as {@code RuleLibraryChanged} with the import's source as comment.
 */
public record ImportJobChanged(long jobId, Change change, String source, String summary) {

    public enum Change { STARTED, CANCEL_REQUESTED, FINISHED }
}
