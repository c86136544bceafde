package io.detectionhub.sigma.evaluation.event;

/** An upload went over one of its {@link EventReaderLimits}; the web layer answers 413. */
public class EventLimitExceededException extends RuntimeException {

    public enum Limit { BYTES, EVENTS, EVENT_SIZE }

    private final Limit limit;
    private final long allowed;

    public EventLimitExceededException(Limit limit, long allowed) {
        super(switch (limit) {
            case BYTES -> "The upload is larger than the limit of " + allowed + " bytes";
            case EVENTS -> "The upload has more than the limit of " + allowed + " events";
            case EVENT_SIZE -> "An event is larger than the limit of " + allowed + " bytes";
        });
        this.limit = limit;
        this.allowed = allowed;
    }

    public Limit limit() {
        return limit;
    }

    public long allowed() {
        return allowed;
    }
}
