package io.detectionhub.sigma.evaluation.event;

import java.io.InputStream;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams events from JSON with Jackson's streaming parser, one event at a time: a JSON array of events, or JSON
 * objects one after another (NDJSON, or a single object). Values go straight from tokens into an
 * {@link EventBuilder}; no tree is built.
 * <p>
 * evtx_dump/Chainsaw XML attributes are flattened to {@code Element_Attribute}: {@code "Provider": {"#attributes":
 * {"Name": "X"}}} and {@code "Provider_attributes": {"Name": "X"}} both give {@code Provider_Name}; an element's
 * {@code #text} is the element's own value.
 */
public final class JsonEventReader implements EventReader {

    private static final int MAX_NESTING = 64;

    private final JsonParser parser;
    private final EventReaderLimits limits;
    private final EventPath root = EventPath.root();
    private final boolean inArray;
    private final boolean ownsParser;
    private JsonToken pending;
    private boolean done;
    private long count;

    private JsonEventReader(JsonParser parser, EventReaderLimits limits, boolean inArray, boolean ownsParser) {
        this.parser = parser;
        this.limits = limits;
        this.inArray = inArray;
        this.ownsParser = ownsParser;
    }

    /** A JSON factory whose constraints follow the limits (long strings and deep nesting fail early). */
    public static JsonFactory factory(EventReaderLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxEventBytes()))
                        .maxNameLength(10_000)
                        .build())
                .build();
    }

    /** Reads a JSON array of events, or a sequence of JSON objects (NDJSON), from a stream it then owns. */
    public static JsonEventReader open(InputStream in, EventReaderLimits limits) {
        InputStream limited = new LimitedInputStream(in, limits.maxBytes());
        try {
            JsonParser p = factory(limits).createParser(ObjectReadContext.empty(), limited);
            JsonToken first = p.nextToken();
            JsonEventReader r = new JsonEventReader(p, limits, first == JsonToken.START_ARRAY, true);
            r.pending = first == JsonToken.START_ARRAY ? null : first;
            r.done = first == null;
            return r;
        } catch (JacksonException e) {
            throw new EventFormatException("Malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the events of an array inside a larger JSON document: {@code parser} stands on the array's
     * START_ARRAY; after the last event it stands on the END_ARRAY and is not closed.
     */
    public static JsonEventReader overArray(JsonParser parser, EventReaderLimits limits) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new EventFormatException("\"events\" must be a JSON array");
        }
        return new JsonEventReader(parser, limits, true, false);
    }

    @Override
    public boolean hasNext() {
        if (done) {
            return false;
        }
        if (pending == null) {
            try {
                pending = parser.nextToken();
            } catch (JacksonException e) {
                throw new EventFormatException("Malformed JSON: " + e.getOriginalMessage(), e);
            }
            if (pending == null || (inArray && pending == JsonToken.END_ARRAY)) {
                done = true;
                pending = null;
                if (ownsParser) {
                    close();
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        pending = null;
        if (++count > limits.maxEvents()) {
            throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENTS, limits.maxEvents());
        }
        try {
            long start = offset(parser.currentTokenLocation());
            Event event = readEvent(parser, root);
            long end = offset(parser.currentLocation());
            if (start >= 0 && end - start > limits.maxEventBytes()) {
                throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENT_SIZE,
                        limits.maxEventBytes());
            }
            return event;
        } catch (JacksonException e) {
            if (e instanceof StreamConstraintsException) {
                throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENT_SIZE,
                        limits.maxEventBytes());
            }
            throw new EventFormatException("Malformed JSON in event " + count + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public long eventsRead() {
        return count;
    }

    @Override
    public void close() {
        if (ownsParser) {
            parser.close();
        }
    }

    private static long offset(TokenStreamLocation loc) {
        long b = loc.getByteOffset();
        return b >= 0 ? b : loc.getCharOffset();
    }

    /** Reads the JSON value the parser stands on as one event. */
    public static Event readEvent(JsonParser parser) {
        return readEvent(parser, EventPath.root());
    }

    /** Reads the JSON value the parser stands on as one event, its paths from the tree of {@code root}. */
    private static Event readEvent(JsonParser parser, EventPath root) {
        EventBuilder builder = new EventBuilder();
        readValue(parser, root, builder);
        return builder.build();
    }

    private static void readValue(JsonParser p, EventPath path, EventBuilder b) {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> readObject(p, path, b);
            case START_ARRAY -> {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    readValue(p, path, b);
                }
            }
            case VALUE_STRING -> b.add(path, EventValue.string(p.getString()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> b.add(path, EventValue.number(p.getText()));
            case VALUE_TRUE -> b.add(path, EventValue.bool(true));
            case VALUE_FALSE -> b.add(path, EventValue.bool(false));
            case VALUE_NULL -> b.add(path, EventValue.NULL);
            default -> throw new EventFormatException("Unexpected JSON token " + t);
        }
    }

    private static void readObject(JsonParser p, EventPath path, EventBuilder b) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("#attributes") && value == JsonToken.START_OBJECT) {
                readAttributes(p, path, b);
            } else if (name.equals("#text")) {
                readValue(p, path, b);
            } else if (name.endsWith("_attributes") && name.length() > 11 && value == JsonToken.START_OBJECT) {
                readAttributes(p, path.child(name.substring(0, name.length() - 11)), b);
            } else {
                readValue(p, path.child(name), b);
            }
        }
    }

    private static void readAttributes(JsonParser p, EventPath element, EventBuilder b) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String attribute = p.currentName();
            p.nextToken();
            readValue(p, element.attribute(attribute), b);
        }
    }
}
