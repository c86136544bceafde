package io.detectionhub.sigma.evaluation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Paths are computed once per stream, and give the same keys as paths computed on their own. */
class EventPathTest {

    private static List<Event> read(String json) {
        List<Event> events = new ArrayList<>();
        try (EventReader r = EventReaders.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "application/json", EventReaderLimits.UNLIMITED)) {
            while (r.hasNext()) {
                events.add(r.next());
            }
        }
        return events;
    }

    @Test
    void theEventsOfOneStreamShareTheirKeysWithCompiledRules() {
        String windows = "{\"Event\": {\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"Sysmon\"}}},"
                + " \"EventData\": {\"Image\": \"C:\\\\a.exe\", \"Threat Name\": \"x\"}}}";
        List<Event> events = read("[" + windows + "," + windows + "]");
        String[] first = events.get(0).keys();
        String[] second = events.get(1).keys();
        assertEquals(List.of("event.system.provider_name", "provider_name", "event.eventdata.image", "image",
                "event.eventdata.threat name", "threatname"), List.of(first));
        for (int i = 0; i < first.length; i++) {
            assertSame(first[i], second[i], "one instance per stream: " + first[i]);
        }
        assertSame(EventBuilder.canonicalKey("Image"), first[3], "the instance compiled rules hold");
        assertEquals("x", events.get(1).values("ThreatName").get(0).text());
    }

    @Test
    void pathsBeyondWhatAStreamRemembersAreStillRead() {
        EventPath root = EventPath.root();
        for (int i = 0; i < EventPath.MAX_REMEMBERED; i++) {
            assertSame(root.child("f" + i), root.child("f" + i));
        }
        EventPath late = root.child("Event").child("EventData").child("Late Name");
        assertNotSame(late, root.child("Event").child("EventData").child("Late Name"), "not remembered");
        assertEquals("event.eventdata.late name", late.key());
        assertEquals("latename", late.alias());
        assertEquals("Event.EventData.Late Name", late.path());
        assertEquals("Provider_Name", root.child("Provider").attribute("Name").path());
        assertNull(root.child("CommandLine").alias());
    }
}
