package io.detectionhub.sources;

import java.time.Instant;

/**
 * An import job as every instance reads it from the database: its state ({@code queued}, {@code running},
 * {@code succeeded}, {@code failed}, {@code cancelled}), progress over the rule files, the counts so far, and a message
 * when it failed. {@code total} counts rule files (skipped files are counted apart).
 */
public record ImportJob(long id, String state, String source, String revision, String licence, boolean cancelRequested,
                        int total, int processed, Counts counts, String message, String createdBy,
                        Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** {@code deleted}: files a git sync found deleted upstream (their rules stay in the library). */
    public record Counts(int created, int updated, int unchanged, int invalid, int conflicts, int skipped,
                         int deleted) {
    }

    /** Done files over all rule files, 0-100 (100 for a finished job). */
    public int percent() {
        if (finished()) {
            return 100;
        }
        return total == 0 ? 0 : (int) Math.min(99, 100L * processed / total);
    }

    public boolean finished() {
        return state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
    }
}
