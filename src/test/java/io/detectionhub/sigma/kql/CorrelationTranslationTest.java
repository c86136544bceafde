package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.kusto.KustoAnalyzer;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.model.SigmaCollection;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CorrelationTranslationTest {

    private final Target azure = TargetRegistry.builtIn().find("azure-monitor").orElseThrow();

    private List<Translation> translate(Target target) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("correlations.yml")) {
            SigmaCollection c = new SigmaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new KqlTranslator().translate(c, target, TranslationOptions.PLAIN);
        }
    }

    private static final String FAILED = "SecurityEvent\n| where EventID == 4625\n| extend SigmaTime = TimeGenerated, "
            + "SigmaRule = \"failed_logon\"";
    private static final String SUCCESS = "SecurityEvent\n| where EventID == 4624\n| extend SigmaTime = TimeGenerated, "
            + "SigmaRule = \"successful_logon\"";

    @Test
    void eachCorrelationType() throws Exception {
        List<Translation> t = translate(azure);
        // generate defaults to false: the referenced rules are not translated on their own
        assertThat(t).extracting(Translation::title).containsExactly("Many failed logons of one account", "Logons from many workstations", "Failed then successful logon",
                "Failed and successful logon");
        assertThat(t.get(0).query()).isEqualTo(FAILED + ", TargetUserName = TargetUserName\n"
                + "| project SigmaTime, SigmaRule, TargetUserName\n"
                + "| summarize EventCount = count() by bin(SigmaTime, 10m), TargetUserName\n"
                + "| where EventCount > 10 and EventCount <= 100");
        assertThat(t.get(1).query()).isEqualTo(SUCCESS + ", TargetUserName = TargetUserName, WorkstationName = WorkstationName\n"
                + "| project SigmaTime, SigmaRule, TargetUserName, WorkstationName\n"
                + "| summarize ValueCount = dcount(WorkstationName) by bin(SigmaTime, 1h), TargetUserName\n"
                + "| where ValueCount >= 5");
        assertThat(t.get(2).query()).isEqualTo("union\n(" + FAILED.replace("\n", "\n    ") + ", User = TargetUserName\n"
                + "    | project SigmaTime, SigmaRule, User),\n(" + SUCCESS.replace("\n", "\n    ")
                + ", User = TargetUserName\n    | project SigmaTime, SigmaRule, User)\n"
                + "| summarize RuleCount = dcount(SigmaRule), FirstTime = minif(SigmaTime, SigmaRule == \"failed_logon\"), "
                + "LastTime = maxif(SigmaTime, SigmaRule == \"successful_logon\") by bin(SigmaTime, 5m), User\n"
                + "| where FirstTime < LastTime\n| where RuleCount >= 2");
        assertThat(t.get(3).query()).endsWith("| summarize RuleCount = dcount(SigmaRule) by bin(SigmaTime, 5m), TargetUserName\n"
                + "| where RuleCount >= 2");
        assertThat(t.get(0).explanation().warnings()).anySatisfy(w -> assertThat(w).contains("fixed bins"));
    }

    @Test
    void aTargetWithoutTimestampRefuses() {
        Target noTimestamp = new io.detectionhub.sigma.kql.target.TargetDefinitionLoader(n -> java.util.Optional.empty())
                .load("""
                        name: t
                        unmapped-fields: passthrough
                        logsources: [{table: T}]
                        columns: {T: {EventID: int, TargetUserName: string}}
                        """);
        assertThatThrownBy(() -> translate(noTimestamp)).isInstanceOf(UntranslatableRuleException.class)
                .hasMessageContaining("timestamp");
    }

    @Test
    void correlationQueriesPassTheKustoAnalyzer() throws Exception {
        assumeTrue(KustoAnalyzer.available(), "node or the Kusto language service missing");
        List<String> queries = translate(azure).stream().map(Translation::query).toList();
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        azure.table("SecurityEvent").orElseThrow().columns().forEach((k, v) -> columns.put(k, v.keyword()));
        tables.put("SecurityEvent", columns);
        try (KustoAnalyzer analyzer = KustoAnalyzer.start()) {
            analyzer.declare(tables);
            List<List<KustoAnalyzer.Diagnostic>> d = analyzer.analyze(queries);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(d.get(i)).as(queries.get(i)).noneMatch(KustoAnalyzer.Diagnostic::isError);
            }
        }
    }
}
