package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the project's Kusto checker ({@code src/test/kusto/check.js}, Microsoft's parser and semantic analyzer from
 * {@code @kusto/language-service-next}) through Node: declare a target's tables with their columns, then analyze
 * queries. {@link #available()} is false when Node or the installed package is missing (tests then skip).
 */
final class KustoCheck implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DIR = Path.of("src/test/kusto");

    private final Process node;
    private final BufferedWriter in;
    private final BufferedReader out;

    KustoCheck() {
        try {
            node = new ProcessBuilder("node", "check.js").directory(DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    static boolean available() {
        if (!Files.isDirectory(DIR.resolve("node_modules/@kusto/language-service-next"))) {
            return false;
        }
        try {
            return new ProcessBuilder("node", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Declares every table of the target that has columns, with their KQL types. */
    void declare(Target target) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (TableMapping t : target.tables().values()) {
            if (t.columnsKnown()) {
                Map<String, String> columns = new LinkedHashMap<>();
                t.columns().forEach((c, type) -> columns.put(c, type.keyword()));
                tables.put(t.name(), columns);
            }
        }
        request(Map.of("tables", tables));
    }

    /** The error diagnostics of a query (empty when it parses and passes the semantic analysis). */
    List<String> errors(String query) {
        JsonNode answer = request(Map.of("id", "q", "query", query));
        if (answer.has("error")) {
            return List.of("checker error: " + answer.path("error").asString());
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode d : answer.path("diagnostics")) {
            if (d.path("severity").asString().equalsIgnoreCase("Error")) {
                errors.add(d.path("code").asString() + " " + d.path("message").asString() + " at "
                        + d.path("start").asInt());
            }
        }
        return errors;
    }

    private JsonNode request(Object request) {
        try {
            in.write(JSON.writeValueAsString(request));
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the Kusto checker stopped");
            }
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            node.waitFor();
        } catch (IOException e) {
            node.destroy();
        } catch (InterruptedException e) {
            node.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
