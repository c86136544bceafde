package io.detectionhub.sigma.evaluation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventReadersTest {

    private static List<Event> read(String text, String contentType, EventReaderLimits limits) {
        List<Event> out = new ArrayList<>();
        try (EventReader r = EventReaders.open(stream(text), contentType, limits)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Event e, String field) {
        return e.values(field).isEmpty() ? null : e.values(field).get(0).text();
    }

    @Test
    void jsonArray() {
        List<Event> events = read("[{\"a\":1},{\"a\":\"x\",\"n\":{\"b\":[1,2]}}]", "application/json",
                EventReaderLimits.DEFAULT);
        assertEquals(2, events.size());
        assertEquals("1", text(events.get(0), "a"));
        assertEquals(2, events.get(1).values("n.b").size());
    }

    @Test
    void ndjson() {
        List<Event> events = read("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n", "application/x-ndjson",
                EventReaderLimits.DEFAULT);
        assertEquals(List.of("1", "2", "3"), events.stream().map(e -> text(e, "a")).toList());
    }

    @Test
    void csvWithHeader() {
        List<Event> events = read("Image,CommandLine,process.name\n"
                + "C:\\x.exe,\"a, \"\"quoted\"\" b\",x\n"
                + "C:\\y.exe,,y\n", "text/csv", EventReaderLimits.DEFAULT);
        assertEquals(2, events.size());
        assertEquals("a, \"quoted\" b", text(events.get(0), "CommandLine"));
        assertEquals("", text(events.get(1), "CommandLine"));
        assertEquals("y", text(events.get(1), "process.name"));
    }

    @Test
    void detectsTheFormatFromTheFirstByte() {
        assertEquals(2, read("  [{\"a\":1},{\"a\":2}]", null, EventReaderLimits.DEFAULT).size());
        assertEquals(2, read("{\"a\":1}\n{\"a\":2}", "application/octet-stream", EventReaderLimits.DEFAULT).size());
        assertEquals(1, read("a,b\n1,2\n", null, EventReaderLimits.DEFAULT).size());
    }

    @Test
    void limitOnEvents() {
        EventReaderLimits limits = new EventReaderLimits(1 << 20, 2, 1 << 20);
        EventLimitExceededException e = assertThrows(EventLimitExceededException.class,
                () -> read("[{},{},{}]", null, limits));
        assertEquals(EventLimitExceededException.Limit.EVENTS, e.limit());
        assertEquals(EventLimitExceededException.Limit.EVENTS, assertThrows(EventLimitExceededException.class,
                () -> read("a\n1\n2\n3\n", "text/csv", limits)).limit());
    }

    @Test
    void limitOnBytes() {
        String big = "[" + "{\"a\":\"xxxxxxxxxxxxxxxxxxxx\"},".repeat(1000) + "{}]";
        EventReaderLimits limits = new EventReaderLimits(5_000, 1_000_000, 1 << 20);
        assertEquals(EventLimitExceededException.Limit.BYTES, assertThrows(EventLimitExceededException.class,
                () -> read(big, null, limits)).limit());
    }

    @Test
    void limitOnEventSize() {
        String event = "{\"a\":\"" + "x".repeat(5_000) + "\"}";
        EventReaderLimits limits = new EventReaderLimits(1 << 20, 1_000_000, 1_000);
        assertEquals(EventLimitExceededException.Limit.EVENT_SIZE, assertThrows(EventLimitExceededException.class,
                () -> read("[" + event + "]", null, limits)).limit());
        String many = "{" + "\"k%d\":\"abcdefghij\",".repeat(1).formatted(0) + "\"z\":[" + "1,".repeat(1000) + "1]}";
        assertEquals(EventLimitExceededException.Limit.EVENT_SIZE, assertThrows(EventLimitExceededException.class,
                () -> read(many, null, limits)).limit());
        assertEquals(EventLimitExceededException.Limit.EVENT_SIZE, assertThrows(EventLimitExceededException.class,
                () -> read("a\n" + "y".repeat(5_000) + "\n", "text/csv", limits)).limit());
    }

    @Test
    void malformedInputIsAFormatError() {
        assertThrows(EventFormatException.class, () -> read("[{\"a\":1},{\"a\":", null, EventReaderLimits.DEFAULT));
        assertThrows(EventFormatException.class, () -> read("a,b\n\"1,2\n", "text/csv", EventReaderLimits.DEFAULT));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "]";
        assertThrows(RuntimeException.class, () -> read(deep, null, EventReaderLimits.DEFAULT));
    }

    @Test
    void streamsWithoutReadingEverythingFirst() {
        // an endless source: reading the first events must not wait for the end
        InputStream endless = new InputStream() {
            private final byte[] chunk = "{\"a\":1},".getBytes(StandardCharsets.UTF_8);
            private long pos = -1;

            @Override
            public int read() {
                if (pos++ < 0) {
                    return '[';
                }
                return chunk[(int) ((pos - 1) % chunk.length)];
            }
        };
        try (EventReader r = EventReaders.open(endless, "application/json", EventReaderLimits.DEFAULT)) {
            for (int i = 0; i < 1000; i++) {
                assertTrue(r.hasNext());
                assertEquals("1", text(r.next(), "a"));
            }
        }
    }

    @Test
    void evtxAttributesAndTextNodes() {
        Event e = read("[{\"Event\":{\"System\":{\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":7045},"
                + "\"Provider\":{\"#attributes\":{\"Name\":\"Service Control Manager\"}}},"
                + "\"EventData\":{\"Service Name\":\"evil\"}}}]", null, EventReaderLimits.DEFAULT).get(0);
        assertEquals("7045", text(e, "EventID"));
        assertEquals("16384", text(e, "EventID_Qualifiers"));
        assertEquals("Service Control Manager", text(e, "Provider_Name"));
        assertEquals("evil", text(e, "ServiceName"));
        assertEquals("evil", text(e, "Event.EventData.Service Name"));
    }
}
