package io.detectionhub.sigma.evaluation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class EventValueTest {

    @Test
    void aParsedFormIsComputedOncePerParser() {
        AtomicInteger calls = new AtomicInteger();
        Function<String, Integer> length = text -> {
            calls.incrementAndGet();
            return text.length();
        };
        Function<String, String> upper = String::toUpperCase;
        EventValue v = EventValue.string("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertEquals(8, v.parsed(length));
        }
        assertEquals(1, calls.get());
        assertEquals("10.0.0.1", v.parsed(upper), "another parser gets its own form");
        assertEquals(8, v.parsed(length));
        assertEquals(2, calls.get());
        assertNull(EventValue.NULL.parsed(length), "no text, nothing parsed");
    }
}
