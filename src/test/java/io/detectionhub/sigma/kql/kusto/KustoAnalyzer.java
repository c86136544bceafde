package io.detectionhub.sigma.kql.kusto;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Microsoft's Kusto parser and semantic analyzer ({@code @kusto/language-service-next}) in a long-running Node
 * process ({@code src/test/kusto/check.js}); queries are sent as JSON lines, several queries per line.
 */
public final class KustoAnalyzer implements AutoCloseable {

    public static final Path SCRIPT_DIR = Path.of("src/test/kusto");

    public record Diagnostic(String severity, String code, String message, int start, int length) {
        public boolean isError() {
            return "Error".equals(severity);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private KustoAnalyzer(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** True when Node and the installed language service are available. */
    public static boolean available() {
        boolean ok = installed();
        // CI installs Node packages itself (process-test-classes): missing there is a failure, not a skip
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("node or @kusto/language-service-next missing on CI (npm ci in src/test/kusto failed?)");
        }
        return ok;
    }

    private static boolean installed() {
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/@kusto/language-service-next"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static KustoAnalyzer start() throws IOException {
        Process p = new ProcessBuilder("node", SCRIPT_DIR.resolve("check.js").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new KustoAnalyzer(p);
    }

    /** Declares the tables (name to column to KQL type) for the queries analysed next. */
    public void declare(Map<String, Map<String, String>> tables) throws IOException {
        in.write(json.writeValueAsString(Map.of("tables", tables)));
        in.write('\n');
        in.flush();
        JsonNode reply = json.readTree(out.readLine());
        if (!reply.has("declared")) {
            throw new IOException("declaring tables failed: " + reply);
        }
    }

    /** Queries sent in one request: analysed as one text of statements (see check.js). */
    private static final int BATCH = 40;

    /** Analyses every query; the result lists each query's diagnostics in the same order. */
    public List<List<Diagnostic>> analyze(List<String> queries) throws IOException {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += BATCH) {
            batches.add(queries.subList(i, Math.min(queries.size(), i + BATCH)));
        }
        // write from another thread so that neither pipe fills up while the other is waiting
        // a thread of its own: pool threads may all be busy reading from other analyzers
        java.util.concurrent.ExecutorService writerThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < batches.size(); i++) {
                    Map<String, Object> request = new LinkedHashMap<>();
                    request.put("id", i);
                    request.put("batch", batches.get(i));
                    in.write(json.writeValueAsString(request));
                    in.write('\n');
                }
                in.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, writerThread);
        writerThread.shutdown();
        List<List<Diagnostic>> result = new ArrayList<>(queries.size());
        for (int b = 0; b < batches.size(); b++) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the Kusto checker stopped");
            }
            JsonNode reply = json.readTree(line);
            if (reply.has("error")) {
                throw new IOException("the Kusto checker failed on batch " + b + ": " + reply.get("error"));
            }
            for (JsonNode query : reply.get("results")) {
                List<Diagnostic> diagnostics = new ArrayList<>();
                for (JsonNode d : query) {
                    diagnostics.add(new Diagnostic(d.get("severity").asString(), d.get("code").asString(),
                            d.get("message").asString(), d.get("start").asInt(), d.get("length").asInt()));
                }
                result.add(diagnostics);
            }
        }
        writer.join();
        if (result.size() != queries.size()) {
            throw new IOException("the Kusto checker answered " + result.size() + " of " + queries.size() + " queries");
        }
        return result;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is ending anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
