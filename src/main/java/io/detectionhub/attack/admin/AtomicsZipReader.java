package io.detectionhub.attack.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import io.detectionhub.attack.atomic.AtomicFormatException;
import io.detectionhub.attack.atomic.AtomicIndexBuilder;

/**
 * Reads an uploaded zip of Atomic Red Team's {@code atomics/} folder, streaming (nothing is written to disk).
 * Protections: entry names that could escape a folder (absolute, drive letters, {@code ..}) reject the archive;
 * entry count, per-entry size, total unpacked size and per-entry compression ratio are capped (zip bombs); only
 * {@code T####/T####.yaml} files and {@code Indexes-CSV/index.csv} are read, everything else is skipped.
 */
public final class AtomicsZipReader {

    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

        public static Limits defaults() {
            return new Limits(20_000, 8L * 1024 * 1024, 200L * 1024 * 1024, 200);
        }
    }

    private final Limits limits;

    public AtomicsZipReader(Limits limits) {
        this.limits = limits;
    }

    public AtomicIndexBuilder read(InputStream in) {
        AtomicIndexBuilder builder = new AtomicIndexBuilder();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new UploadTooLargeException("archive has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                checkSafe(name);
                boolean wanted = !entry.isDirectory() && AtomicIndexBuilder.isWanted(name);
                ByteArrayOutputStream content = wanted ? new ByteArrayOutputStream() : null;
                long entryBytes = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    entryBytes += n;
                    total += n;
                    if (entryBytes > limits.maxEntryBytes()) {
                        throw new UploadTooLargeException("archive entry " + name + " unpacks to more than "
                                + limits.maxEntryBytes() + " bytes");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new UploadTooLargeException("archive unpacks to more than " + limits.maxTotalBytes()
                                + " bytes");
                    }
                    if (content != null) {
                        content.write(buffer, 0, n);
                    }
                }
                long compressed = entry.getCompressedSize();
                if (compressed > 0 && entryBytes > 64 * 1024 && entryBytes / compressed > limits.maxCompressionRatio()) {
                    throw new UploadTooLargeException("archive entry " + name + " has a suspicious compression ratio ("
                            + entryBytes / compressed + ":1)");
                }
                if (content != null) {
                    builder.add(name, utf8(content.toByteArray(), name));
                }
            }
        } catch (ZipException e) {
            throw new AtomicFormatException("not a valid zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries == 0) {
            throw new AtomicFormatException("not a zip archive, or an empty one");
        }
        return builder;
    }

    static void checkSafe(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0
                || ("/" + n + "/").contains("/../")) {
            throw new AtomicFormatException("unsafe path in archive: " + name);
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AtomicFormatException(name + " is not UTF-8 text");
        }
    }
}
