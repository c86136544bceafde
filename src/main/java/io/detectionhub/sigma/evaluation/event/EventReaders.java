package io.detectionhub.sigma.evaluation.event;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Opens the right {@link EventReader} for an upload from its content type or, failing that, its first byte. */
public final class EventReaders {

    public enum Format { JSON, NDJSON, CSV }

    private EventReaders() {
    }

    /**
     * Picks the format from the content type ({@code application/json}, {@code application/x-ndjson},
     * {@code text/csv}); for any other or no content type, from the first non-blank byte: {@code [} or {@code {}
     * is JSON (an array or one object per line), anything else CSV.
     */
    public static EventReader open(InputStream in, String contentType, EventReaderLimits limits) {
        Format format = formatOf(contentType);
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        if (format == null) {
            format = sniff(buffered);
        }
        return open(buffered, format, limits);
    }

    public static EventReader open(InputStream in, Format format, EventReaderLimits limits) {
        return switch (format) {
            case JSON, NDJSON -> JsonEventReader.open(in, limits);
            case CSV -> CsvEventReader.open(skipBom(in), limits);
        };
    }

    public static Format formatOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("ndjson") || ct.contains("jsonl") || ct.contains("json-seq")) {
            return Format.NDJSON;
        }
        if (ct.contains("json")) {
            return Format.JSON;
        }
        if (ct.contains("csv")) {
            return Format.CSV;
        }
        return null;
    }

    /** Also used on file names: {@code .json}, {@code .ndjson}/{@code .jsonl}, {@code .csv}. */
    public static Format formatOfFileName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
            return Format.NDJSON;
        }
        if (n.endsWith(".json")) {
            return Format.JSON;
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        return null;
    }

    static Format sniff(BufferedInputStream in) {
        try {
            in.mark(4096);
            try {
                for (int i = 0; i < 4096; i++) {
                    int b = in.read();
                    if (b < 0) {
                        return Format.JSON;
                    }
                    if (b == '[' || b == '{') {
                        return Format.JSON;
                    }
                    if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
                        continue;
                    }
                    return Format.CSV;
                }
                return Format.CSV;
            } finally {
                in.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream skipBom(InputStream in) {
        BufferedInputStream b = in instanceof BufferedInputStream bi ? bi : new BufferedInputStream(in);
        try {
            b.mark(3);
            if (!(b.read() == 0xEF && b.read() == 0xBB && b.read() == 0xBF)) {
                b.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }
}
