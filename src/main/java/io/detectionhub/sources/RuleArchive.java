package io.detectionhub.sources;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The files of an upload: Sigma YAML files as they are, or the entries of a {@code .zip} / {@code .tar.gz} of a rule
 * repository (commons-compress, streamed, nothing written to disk). Archives are refused whole when an entry could
 * escape a folder (absolute path, drive letter, {@code ..}: zip slip) or when they are over the limits (entries, bytes
 * per entry, total unpacked bytes, compression ratio: zip bombs). In a repository laid out like SigmaHQ (folders
 * {@code rules*}, {@code deprecated}), only YAML files in those folders are rule files; every other file is listed as
 * skipped with its reason. A single top folder shared by every entry (e.g. {@code sigma-master/}) is cut from paths.
 */
final class RuleArchive {

    record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

        static Limits defaults() {
            return new Limits(50_000, 2L * 1024 * 1024, 300L * 1024 * 1024, 200);
        }
    }

    /**
     * A file of the upload: its text, or why it is skipped ({@code text} null then); {@code support} is the text of a
     * skipped file the rules refer to (SigmaHQ's {@code regression_data/}: info.yml and JSON samples), kept for the
     * import of their test cases and never stored as a rule; null for every other file.
     */
    record SourceFile(String path, String text, String skipped, String support) {

        SourceFile(String path, String text, String skipped) {
            this(path, text, skipped, null);
        }
    }

    /** The folder of SigmaHQ's regression data (test samples the rules name in {@code regression_tests_path}). */
    static final String REGRESSION_DATA = "regression_data/";

    private static final Pattern SUPPORT_TEXT = Pattern.compile("(?i).+\\.(ya?ml|json|ndjson|jsonl)");

    /** Suffix of the export's sidecar with a rule's test cases, beside {@code <rule path>.yml}. */
    static final String TESTS_SIDECAR = ".tests.json";
    /** Suffix of the export's sidecar with a rule's tuning exceptions (Sigma filter documents). */
    static final String EXCEPTIONS_SIDECAR = io.detectionhub.export.ExceptionsSidecar.SUFFIX;

    /** The files and the licence the source states (its top-level LICENSE), or null. */
    record Contents(List<SourceFile> files, String licence) {

        long ruleFiles() {
            return files.stream().filter(f -> f.text() != null).count();
        }
    }

    private static final Pattern RULE_FOLDER = Pattern.compile("(^|/)(rules[^/]*|deprecated)/");
    private static final Pattern YAML = Pattern.compile("(?i).+\\.ya?ml");

    private final Limits limits;

    RuleArchive(Limits limits) {
        this.limits = limits;
    }

    /** Reads one uploaded file (by its name: {@code .yml}/{@code .yaml}, {@code .zip}, {@code .tar.gz}/{@code .tgz}). */
    List<SourceFile> read(String name, InputStream in, List<String> licences) throws IOException {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        BufferedInputStream body = new BufferedInputStream(in);
        if (lower.endsWith(".zip")) {
            CountingStream counted = new CountingStream(body);
            return entries(name, new ZipArchiveInputStream(counted, "UTF-8", true, true), counted, licences);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            CountingStream counted = new CountingStream(body);
            return entries(name, new TarArchiveInputStream(new GzipCompressorInputStream(counted), "UTF-8"), counted,
                    licences);
        }
        if (YAML.matcher(lower).matches()) {
            byte[] bytes = readLimited(body, name);
            return List.of(new SourceFile(baseName(name), utf8(bytes, name), null));
        }
        throw ImportRefusedException.refused("'" + name + "' is not a Sigma file (.yml, .yaml) or a rule archive "
                + "(.zip, .tar.gz, .tgz).");
    }

    /** A file as read from an archive or a repository, before it is classified. */
    record Raw(String path, byte[] bytes) {
    }

    private List<SourceFile> entries(String archive, ArchiveInputStream<?> entries, CountingStream compressed,
                                     List<String> licences) throws IOException {
        List<Raw> files = new ArrayList<>();
        long total = 0;
        int count = 0;
        try (entries) {
            ArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (++count > limits.maxEntries()) {
                    throw ImportRefusedException.tooLarge(archive + " has more than " + limits.maxEntries()
                            + " entries");
                }
                String path = entry.getName().replace('\\', '/');
                checkSafe(path);
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes = readLimited(entries, path);
                total += bytes.length;
                if (total > limits.maxTotalBytes()) {
                    throw ImportRefusedException.tooLarge(archive + " unpacks to more than " + limits.maxTotalBytes()
                            + " bytes");
                }
                if (total > 16L * 1024 * 1024 && total / Math.max(1, compressed.count) > limits.maxCompressionRatio()) {
                    throw ImportRefusedException.tooLarge(archive + " has a suspicious compression ratio ("
                            + total / Math.max(1, compressed.count) + ":1)");
                }
                files.add(new Raw(path, bytes));
            }
        } catch (ImportRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ImportRefusedException.refused(archive + " is not a readable archive: " + e.getMessage());
        }
        if (count == 0) {
            throw ImportRefusedException.refused(archive + " is empty or not an archive.");
        }
        return classify(strip(files), licences);
    }

    /** Decides which entries are rule files (decoding them) and which are skipped; reads the LICENSE. */
    static List<SourceFile> classify(List<Raw> raw, List<String> licences) {
        return classify(raw, licences, isSigmaLayout(raw.stream().map(Raw::path).toList()));
    }

    /** Whether a repository is laid out like SigmaHQ: YAML files in folders named {@code rules*} or deprecated. */
    static boolean isSigmaLayout(List<String> paths) {
        return paths.stream().anyMatch(p -> RULE_FOLDER.matcher(p).find() && YAML.matcher(p).matches());
    }

    static List<SourceFile> classify(List<Raw> raw, List<String> licences, boolean sigmaLayout) {
        List<SourceFile> files = new ArrayList<>();
        for (Raw f : raw) {
            byte[] bytes = f.bytes();
            String path = f.path();
            if (path.matches("(?i)LICEN[CS]E(\\.md|\\.txt)?")) {
                try {
                    String licence = licenceOf(utf8(bytes, path));
                    if (licence != null) {
                        licences.add(licence);
                    }
                } catch (ImportRefusedException ignored) {
                    // A licence that is not text states nothing.
                }
            }
            if (path.startsWith(REGRESSION_DATA)) {
                files.add(regressionData(path, bytes));
            } else if (path.endsWith(TESTS_SIDECAR) || path.endsWith(EXCEPTIONS_SIDECAR)) {
                files.add(sidecar(path, bytes));
            } else if (!YAML.matcher(path).matches()) {
                files.add(new SourceFile(path, null, "not a YAML file"));
            } else if (sigmaLayout && !RULE_FOLDER.matcher(path).find()) {
                files.add(new SourceFile(path, null, "not in a rule folder (rules*, deprecated)"));
            } else if (isHidden(path)) {
                files.add(new SourceFile(path, null, "in a hidden folder"));
            } else {
                try {
                    files.add(new SourceFile(path, utf8(bytes, path), null));
                } catch (ImportRefusedException e) {
                    files.add(new SourceFile(path, null, "not UTF-8 text"));
                }
            }
        }
        return files;
    }

    /** A file of {@code regression_data/}: skipped as a rule, its text kept for the rules' test cases. */
    private static SourceFile regressionData(String path, byte[] bytes) {
        if (!SUPPORT_TEXT.matcher(path).matches()) {
            return new SourceFile(path, null, "regression data, not read (only YAML and JSON samples are)");
        }
        try {
            return new SourceFile(path, null, "regression data (read for the test cases of the rules naming it)",
                    utf8(bytes, path));
        } catch (ImportRefusedException e) {
            return new SourceFile(path, null, "regression data, not UTF-8 text");
        }
    }

    /**
     * An export's sidecar of a rule ({@code <rule path>.tests.json}, {@code <rule path>.exceptions.yml}): never a
     * rule itself (an exceptions file holds filter documents), its text kept for the rule beside it.
     */
    private static SourceFile sidecar(String path, byte[] bytes) {
        String what = path.endsWith(TESTS_SIDECAR) ? "test cases" : "exceptions";
        try {
            return new SourceFile(path, null, what + " of the rule beside it (read with that rule)", utf8(bytes, path));
        } catch (ImportRefusedException e) {
            return new SourceFile(path, null, what + " of the rule beside it, not UTF-8 text");
        }
    }

    /** What a LICENSE file states, short: "DRL 1.1" for the Detection Rule License 1.1, else its first line. */
    static String licenceOf(String text) {
        if (text.contains("Detection Rule License") && text.contains("1.1")) {
            return "DRL 1.1";
        }
        return text.lines().map(String::strip).map(l -> l.replaceFirst("^#+\\s*", "")).filter(l -> !l.isEmpty())
                .findFirst().map(l -> l.length() > 200 ? l.substring(0, 200) : l).orElse(null);
    }

    private static boolean isHidden(String path) {
        return ("/" + path).contains("/.");
    }

    private static List<Raw> strip(List<Raw> files) {
        if (files.isEmpty()) {
            return files;
        }
        int slash = files.get(0).path().indexOf('/');
        if (slash <= 0) {
            return files;
        }
        String root = files.get(0).path().substring(0, slash + 1);
        if (!files.stream().allMatch(f -> f.path().startsWith(root))) {
            return files;
        }
        return files.stream().map(f -> new Raw(f.path().substring(root.length()), f.bytes())).toList();
    }

    private byte[] readLimited(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            size += n;
            if (size > limits.maxEntryBytes()) {
                throw ImportRefusedException.tooLarge(name + " is larger than " + limits.maxEntryBytes() + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static void checkSafe(String name) {
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0
                || ("/" + name + "/").contains("/../")) {
            throw ImportRefusedException.refused("unsafe path in archive: " + name);
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ImportRefusedException.refused(name + " is not UTF-8 text");
        }
    }

    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** Counts the compressed bytes read, for the compression ratio. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
