package io.detectionhub.deployment;

import java.time.Instant;

/**
 * A bulk export running in the background, as stored: {@code done} of {@code total} rules read so far;
 * {@code status} RUNNING, DONE (the zip is ready) or FAILED ({@code message} says why).
 */
public record ExportJob(String id, String format, String target, String selection, String status, int total,
                        int done, int exported, int leftOut, String message, String createdBy, Instant createdAt,
                        Instant updatedAt) {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public int percent() {
        if (DONE.equals(status)) {
            return 100;
        }
        return total == 0 ? 0 : Math.min(99, done * 100 / total);
    }
}
