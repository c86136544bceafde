package io.detectionhub.sigma.evaluation.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams events from CSV with a header row: each row is a flat event whose field names are the column headers
 * (a dotted header such as {@code process.name} is matched by that dotted name). Empty cells are empty strings.
 * The text must be UTF-8: a byte sequence that is not is refused, never replaced.
 */
public final class CsvEventReader implements EventReader {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    /** The path of each column, computed once for the stream (null for a column without a name). */
    private final EventPath[] columns;
    private final EventReaderLimits limits;
    private long count;
    private long lastPosition;

    private CsvEventReader(CSVParser parser, EventReaderLimits limits) {
        this.parser = parser;
        this.records = parser.iterator();
        this.header = parser.getHeaderNames();
        EventPath root = EventPath.root();
        this.columns = header.stream().map(name -> name == null || name.isEmpty() ? null : root.child(name))
                .toArray(EventPath[]::new);
        this.limits = limits;
        this.lastPosition = 0;
    }

    public static CsvEventReader open(InputStream in, EventReaderLimits limits) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        try {
            InputStreamReader reader = new InputStreamReader(new LimitedInputStream(in, limits.maxBytes()),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            return new CsvEventReader(CSVParser.parse(reader, format), limits);
        } catch (CharacterCodingException e) {
            throw notUtf8("in the header row", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new EventFormatException("Malformed CSV header: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unwrap(e);
        }
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unwrap(e);
        }
        if (++count > limits.maxEvents()) {
            throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENTS, limits.maxEvents());
        }
        long position = record.getCharacterPosition();
        if (position - lastPosition > limits.maxEventBytes() && count > 1) {
            throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENT_SIZE,
                    limits.maxEventBytes());
        }
        lastPosition = position;
        EventBuilder builder = new EventBuilder();
        int n = Math.min(record.size(), header.size());
        long size = 0;
        for (int i = 0; i < n; i++) {
            if (columns[i] == null) {
                continue;
            }
            String value = record.get(i);
            size += value.length();
            builder.add(columns[i], EventValue.string(value));
        }
        if (size > limits.maxEventBytes()) {
            throw new EventLimitExceededException(EventLimitExceededException.Limit.EVENT_SIZE,
                    limits.maxEventBytes());
        }
        return builder.build();
    }

    private RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof EventLimitExceededException limit) {
                return limit;
            }
            if (t instanceof CharacterCodingException coding) {
                return notUtf8("near event " + (count + 1), coding);
            }
            t = t.getCause();
        }
        return new EventFormatException("Malformed CSV near event " + (count + 1) + ": " + e.getMessage(), e);
    }

    private static EventFormatException notUtf8(String where, CharacterCodingException e) {
        return new EventFormatException("The CSV is not valid UTF-8 text " + where + "; save it as UTF-8.", e);
    }

    @Override
    public long eventsRead() {
        return count;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
