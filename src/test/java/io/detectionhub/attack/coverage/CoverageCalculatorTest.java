package io.detectionhub.attack.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.detectionhub.attack.catalog.AttackCatalog;
import io.detectionhub.attack.catalog.CatalogueCodec;
import io.detectionhub.attack.catalog.generate.CatalogGenerator;

class CoverageCalculatorTest {

    static AttackCatalog catalog;

    static final List<CoverageRule> RULES = List.of(
            new CoverageRule("r1", "Bash reverse shell", List.of("T1059.004"), "high", "stable", "linux"),
            new CoverageRule("r2", "Suspicious shell", List.of("T1059.004", "T1059"), "medium", "test", "linux"),
            new CoverageRule("r3", "PowerShell download", List.of("T1059.001"), "high", "stable", "windows"),
            new CoverageRule("r4", "Valid accounts", List.of("t1078"), "low", "experimental", "windows"),
            new CoverageRule("r5", "Defender disabled", List.of("T1685.001"), "high", "test", "windows"),
            new CoverageRule("r6", "Firewall sub-technique from v19", List.of("T1686.002"), "high", "test", "windows"),
            new CoverageRule("r7", "From the future", List.of("T1999"), "high", "test", "windows"),
            new CoverageRule("r8", "No techniques", List.of(), "high", "test", "windows"));

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AttackCatalog.class.getResourceAsStream(
                "/io/detectionhub/attack/" + CatalogGenerator.ATTACK_FILE)) {
            catalog = new AttackCatalog(CatalogueCodec.readAttack(in));
        }
    }

    static TechniqueCoverage cell(CoverageReport report, String tactic, String id) {
        return report.tactics().stream().filter(c -> c.tactic().shortName().equals(tactic)).findFirst().orElseThrow()
                .techniques().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void countsRulesPerTechniqueAndAggregatesSubTechniques() {
        CoverageReport report = new CoverageCalculator().compute(RULES, catalog, CoverageFilter.ANY);
        TechniqueCoverage interpreter = cell(report, "execution", "T1059");
        assertThat(interpreter.ruleCount()).isEqualTo(1);
        assertThat(interpreter.ruleCountWithSubTechniques()).isEqualTo(3);
        assertThat(interpreter.subTechniques()).filteredOn(s -> s.id().equals("T1059.004")).singleElement()
                .extracting(TechniqueCoverage::ruleCount).isEqualTo(2);
        assertThat(report.rulesConsidered()).isEqualTo(8);
        assertThat(report.rulesWithTechniques()).isEqualTo(7);
        assertThat(report.rulesFor("T1078")).extracting(RuleRef::id).containsExactly("r4");
    }

    @Test
    void showsAMultiTacticTechniqueInEachOfItsColumns() {
        CoverageReport report = new CoverageCalculator().compute(RULES, catalog, CoverageFilter.ANY);
        for (String tactic : catalog.technique("T1078").tactics()) {
            assertThat(cell(report, tactic, "T1078").ruleCount()).isEqualTo(1);
        }
        assertThat(catalog.technique("T1078").tactics()).hasSizeGreaterThan(1);
    }

    @Test
    void placesV19AndUnknownIdsAndNeverDropsThem() {
        CoverageReport report = new CoverageCalculator().compute(RULES, catalog, CoverageFilter.ANY);
        assertThat(cell(report, "defense-impairment", "T1685").subTechniques())
                .filteredOn(s -> s.id().equals("T1685.001")).singleElement()
                .extracting(TechniqueCoverage::ruleCount).isEqualTo(1);
        // T1686.002: parent known from the overlay, sub-technique known to nobody
        TechniqueCoverage firewall = cell(report, "defense-impairment", "T1686");
        assertThat(firewall.subTechniques()).filteredOn(s -> s.id().equals("T1686.002")).singleElement()
                .satisfies(s -> assertThat(s.inCatalogue()).isFalse());
        assertThat(firewall.ruleCountWithSubTechniques()).isEqualTo(1);
        assertThat(report.unplaced()).extracting(TechniqueCoverage::id).containsExactly("T1999");
    }

    @Test
    void filtersByLevelStatusAndProduct() {
        CoverageCalculator calc = new CoverageCalculator();
        CoverageReport high = calc.compute(RULES, catalog, CoverageFilter.of("HIGH", null, null));
        assertThat(high.rulesConsidered()).isEqualTo(6);
        assertThat(cell(high, "execution", "T1059").ruleCountWithSubTechniques()).isEqualTo(2);
        CoverageReport linuxTest = calc.compute(RULES, catalog, CoverageFilter.of(null, "test,stable", "linux"));
        assertThat(linuxTest.rulesConsidered()).isEqualTo(2);
        assertThat(linuxTest.rulesFor("T1059.001")).isEmpty();
        assertThat(CoverageFilter.of(" high , critical", "", null).levels()).containsExactlyInAnyOrder("high", "critical");
    }

    @Test
    void columnTotalsCountTechniquesCoveredAndDistinctRules() {
        CoverageReport report = new CoverageCalculator().compute(RULES, catalog, CoverageFilter.ANY);
        TacticCoverage execution = report.tactics().stream().filter(c -> c.tactic().shortName().equals("execution"))
                .findFirst().orElseThrow();
        assertThat(execution.ruleCount()).isEqualTo(3); // r1, r2, r3 (T1078 is not an execution technique)
        assertThat(execution.coveredTechniqueCount()).isEqualTo(3); // T1059, T1059.001, T1059.004
        assertThat(report.techniquesTotal()).isEqualTo(catalog.size());
        assertThat(report.techniquesCovered()).isEqualTo(5); // T1059, .001, .004, T1078, T1685.001
    }

    @Test
    void navigatorLayerHasTheLayerFormatFields() {
        CoverageReport report = new CoverageCalculator().compute(RULES, catalog, CoverageFilter.ANY);
        Map<String, Object> layer = new NavigatorLayerBuilder().build(report, catalog, "test layer");
        assertThat(layer).containsKeys("name", "versions", "domain", "techniques", "gradient", "legendItems",
                "description", "layout", "sorting");
        assertThat(layer.get("domain")).isEqualTo("enterprise-attack");
        assertThat(layer.get("versions")).isEqualTo(Map.of("attack", "19", "navigator", "5.2.0", "layer", "4.5"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> techniques = (List<Map<String, Object>>) layer.get("techniques");
        assertThat(techniques).anySatisfy(t -> {
            assertThat(t.get("techniqueID")).isEqualTo("T1059.004");
            assertThat(t.get("score")).isEqualTo(2);
            assertThat(t.get("comment")).isEqualTo("2 rules");
            assertThat(t.get("enabled")).isEqualTo(true);
            assertThat(t).doesNotContainKey("tactic");
        });
        assertThat(techniques).anySatisfy(t -> {
            assertThat(t.get("techniqueID")).isEqualTo("T1059");
            assertThat(t.get("showSubtechniques")).isEqualTo(true);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> gradient = (Map<String, Object>) layer.get("gradient");
        assertThat(gradient.get("maxValue")).isEqualTo(2);
        assertThat((List<?>) gradient.get("colors")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void csvHasOneRowPerTacticTechniquePairAndNeutralisesFormulas() throws Exception {
        List<CoverageRule> rules = List.of(new CoverageRule("=cmd|' /C calc'!A0", "evil", List.of("T1059.004"),
                "high", "test", "linux"));
        CoverageReport report = new CoverageCalculator().compute(rules, catalog, CoverageFilter.ANY);
        StringBuilder out = new StringBuilder();
        new CoverageCsv().write(report, out);
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(out.toString())).getRecords();
        assertThat(records.get(0).toList()).isEqualTo(CoverageCsv.HEADER);
        long expectedRows = report.tactics().stream().mapToLong(c -> c.techniqueCount()).sum();
        assertThat(records).hasSize((int) expectedRows + 1);
        CSVRecord shell = records.stream().filter(r -> r.get(2).equals("T1059.004")).findFirst().orElseThrow();
        assertThat(shell.get(1)).isEqualTo("execution");
        assertThat(shell.get(4)).isEqualTo("T1059");
        assertThat(shell.get(6)).isEqualTo("1");
        assertThat(shell.get(8)).isEqualTo("'=cmd|' /C calc'!A0");
    }
}
