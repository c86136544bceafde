package io.detectionhub.attack.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The heatmap as CSV: one row per (tactic, technique or sub-technique), covered or not, then ids no source places
 * (tactic empty). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
public final class CoverageCsv {

    public static final List<String> HEADER = List.of("tactic_id", "tactic", "technique_id", "technique_name",
            "parent_id", "in_catalogue", "rule_count", "rule_count_with_sub_techniques", "rule_ids");

    public void write(CoverageReport report, Appendable out) {
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            csv.printRecord(HEADER);
            for (TacticCoverage column : report.tactics()) {
                for (TechniqueCoverage t : column.techniques()) {
                    row(csv, column.tactic().id(), column.tactic().shortName(), t, null, report);
                    for (TechniqueCoverage sub : t.subTechniques()) {
                        row(csv, column.tactic().id(), column.tactic().shortName(), sub, t.id(), report);
                    }
                }
            }
            for (TechniqueCoverage t : report.unplaced()) {
                row(csv, "", "", t, null, report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(CSVPrinter csv, String tacticId, String tactic, TechniqueCoverage t, String parent,
                            CoverageReport report) throws IOException {
        String ruleIds = report.rulesFor(t.id()).stream().map(RuleRef::id).collect(Collectors.joining(";"));
        csv.printRecord(safe(tacticId), safe(tactic), safe(t.id()), safe(t.name()), parent == null ? "" : safe(parent),
                t.inCatalogue(), t.ruleCount(), t.ruleCountWithSubTechniques(), safe(ruleIds));
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
