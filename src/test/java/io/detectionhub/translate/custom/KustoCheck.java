package io.detectionhub.translate.custom;

import io.detectionhub.sigma.kql.kusto.KustoAnalyzer;
import io.detectionhub.sigma.kql.target.TableMapping;
import io.detectionhub.sigma.kql.target.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's Kusto checker ({@link KustoAnalyzer}: Microsoft's parser and semantic analyzer through Node) seen
 * from a target: declare the target's tables with their columns, then ask for a query's errors.
 */
final class KustoCheck implements AutoCloseable {

    private final KustoAnalyzer analyzer;

    KustoCheck() {
        try {
            analyzer = KustoAnalyzer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean available() {
        return KustoAnalyzer.available();
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
        try {
            analyzer.declare(tables);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error diagnostics of a query (empty when it parses and passes the semantic analysis). */
    List<String> errors(String query) {
        try {
            return analyzer.analyze(List.of(query)).get(0).stream()
                    .filter(KustoAnalyzer.Diagnostic::isError)
                    .map(d -> d.code() + " " + d.message() + " at " + d.start())
                    .toList();
        } catch (IOException e) {
            return List.of("checker error: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
