package io.detectionhub.attack.coverage.atomic;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.detectionhub.attack.atomic.AtomicTest;
import io.detectionhub.attack.atomic.simulation.AtomicEventBuilder;
import io.detectionhub.attack.atomic.simulation.SimulatedEvent;
import io.detectionhub.sigma.evaluation.event.Event;
import io.detectionhub.sigma.evaluation.event.EventReaderLimits;
import io.detectionhub.sigma.evaluation.event.JsonEventReader;

/**
 * The simulated events of each Atomic test, built and read into engine events once (they depend only on the test).
 * Thread-safe; keep one per Atomic index.
 */
public final class AtomicSimulationCache {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final int MAX_ENTRIES = 20_000;

    /** A test's simulated events and the same events as the evaluation engine reads them. */
    public record Simulated(List<SimulatedEvent> events, List<Event> parsed) {
    }

    private final Map<String, Simulated> byTest = new ConcurrentHashMap<>();

    public Simulated simulate(String techniqueId, AtomicTest test) {
        String key = techniqueId + "|" + test.number() + "|" + test.guid();
        Simulated cached = byTest.get(key);
        if (cached != null) {
            return cached;
        }
        List<SimulatedEvent> events = new AtomicEventBuilder().build(techniqueId, test);
        Simulated simulated = new Simulated(List.copyOf(events), parse(events));
        if (byTest.size() < MAX_ENTRIES) {
            byTest.put(key, simulated);
        }
        return simulated;
    }

    private static List<Event> parse(List<SimulatedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        byte[] json = MAPPER.writeValueAsBytes(events.stream().map(SimulatedEvent::event).toList());
        List<Event> out = new ArrayList<>(events.size());
        try (JsonEventReader reader = JsonEventReader.open(new ByteArrayInputStream(json), EventReaderLimits.UNLIMITED)) {
            while (reader.hasNext()) {
                out.add(reader.next());
            }
        }
        return List.copyOf(out);
    }
}
