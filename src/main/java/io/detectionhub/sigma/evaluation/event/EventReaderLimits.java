package io.detectionhub.sigma.evaluation.event;

/**
 * Bounds on one upload: total bytes read, number of events and size of one event (in bytes or characters of its
 * JSON or CSV text). Going over any of them raises {@link EventLimitExceededException}.
 */
public record EventReaderLimits(long maxBytes, long maxEvents, long maxEventBytes) {

    /** 100 MB, 1,000,000 events, 1 MB per event. */
    public static final EventReaderLimits DEFAULT = new EventReaderLimits(100L << 20, 1_000_000, 1L << 20);

    public static final EventReaderLimits UNLIMITED = new EventReaderLimits(Long.MAX_VALUE, Long.MAX_VALUE,
            Integer.MAX_VALUE);

    public EventReaderLimits {
        if (maxBytes <= 0 || maxEvents <= 0 || maxEventBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
