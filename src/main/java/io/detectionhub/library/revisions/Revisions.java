package io.detectionhub.library.revisions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting shared by the revision records. */
final class Revisions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Revisions() {
    }

    static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }
}
