package io.detectionhub.attack.atomic;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.detectionhub.attack.catalog.Technique;

/**
 * Atomic Red Team's {@code Indexes/Indexes-CSV/index.csv}: one row per test with its (v19) tactic. Gives each
 * technique's tactics and name as Atomic lists them.
 */
public final class AtomicCsvIndex {

    public record Row(String tactic, String techniqueId, String techniqueName, String testName, String guid,
                      String executor) {
    }

    private final List<Row> rows;

    private AtomicCsvIndex(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static AtomicCsvIndex read(Reader reader, int maxRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        try {
            for (CSVRecord r : format.parse(reader)) {
                if (rows.size() >= maxRows) {
                    throw new AtomicFormatException("index.csv has more than " + maxRows + " rows");
                }
                if (!r.isConsistent()) {
                    continue;
                }
                String id = Technique.normalizeId(r.get("Technique #"));
                if (Technique.isTechniqueId(id)) {
                    rows.add(new Row(r.get("Tactic"), id, r.get("Technique Name"), r.get("Test Name"),
                            r.get("Test GUID"), r.get("Executor Name")));
                }
            }
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new AtomicFormatException("unreadable index.csv: " + e.getMessage(), e);
        }
        return new AtomicCsvIndex(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public Map<String, List<String>> tacticsByTechnique() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.tactic() != null && !r.tactic().isBlank()) {
                out.computeIfAbsent(r.techniqueId(), k -> new LinkedHashSet<>()).add(r.tactic());
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    public Map<String, String> namesByTechnique() {
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach(r -> out.putIfAbsent(r.techniqueId(), r.techniqueName()));
        return out;
    }
}
