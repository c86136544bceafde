package io.detectionhub.sigma.evaluation.event;

import java.io.Closeable;
import java.util.Iterator;

/** Streams events one at a time from an upload; never holds more than the current event. */
public interface EventReader extends Iterator<Event>, Closeable {

    /** Number of events returned so far. */
    long eventsRead();

    @Override
    void close();
}
