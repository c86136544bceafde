package io.detectionhub.sigma.evaluation.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The keys the probe search walks are exactly the keys field access knows, each once, with the same values. */
class EventBuilderTest {

    @Test
    void keysAndValueListsAgreeWithFieldAccess() {
        Event e = new EventBuilder()
                .add("Event.System.Channel", EventValue.string("Security"))
                .add("Event.System.EventID", EventValue.number("4688"))
                .add("Event.EventData.NewProcessName", EventValue.string("C:\\x\\a.exe"))
                .add("Event.EventData.Threat Name", EventValue.string("Evil"))
                .add("tags", EventValue.string("one"))
                .add("tags", EventValue.string("two"))
                .build();
        String[] keys = e.keys();
        List<EventValue>[] lists = e.valueLists();
        assertEquals(keys.length, lists.length);
        assertEquals(keys.length, new HashSet<>(List.of(keys)).size(), "each key once");
        for (int i = 0; i < keys.length; i++) {
            assertSame(e.values(keys[i]), lists[i], keys[i]);
        }
        assertEquals(Set.of("event.system.channel", "channel", "event.system.eventid", "eventid",
                "event.eventdata.newprocessname", "newprocessname", "event.eventdata.threat name", "threatname",
                "tags", "image"), Set.of(keys), "Windows aliases and the Sysmon name of a 4688 field included");
        assertEquals(2, e.values("tags").size());
    }
}
