package io.detectionhub.sigma.kql.kusto;

import io.detectionhub.sigma.kql.KqlTranslator;
import io.detectionhub.sigma.kql.TranslationOptions;
import io.detectionhub.sigma.kql.target.Target;
import io.detectionhub.sigma.kql.target.TargetDefinitionLoader;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every construct, hostile values included, on a user-defined target with declared columns, and a rule with two
 * filters (tuning exceptions, one with a hostile title): the Kusto analyzer finds no error (literals stay literals,
 * types match, an exception's comment stays a comment).
 */
class ConstructsKustoTest {

    private static final String TARGET = """
            name: constructs
            unmapped-fields: refuse
            logsources: [{table: T, reason: everything}]
            tables:
              T:
                analyst-columns: [S, N]
                fields:
                  User: {column: S, split-domain: D}
                  Hashes: {hashes: {MD5: S, SHA256: D}}
            columns:
              T: {S: string, D: string, N: int, L: long, R: real, B: bool, Dyn: dynamic, Dt: datetime, G: guid, TimeGenerated: datetime}
            """;

    private static final List<String> DETECTIONS = List.of(
            "sel: {S: 'a', N: 5, B: true}",
            "sel: {S: ['a', 'b*', '*c', '*d*', 'e*f?g', '*'], N: [1, '2', 'x'], L|gt: 5, R|lte: 1.5}",
            "sel: {S|cased: ['A', 'B'], D|contains|cased: 'x', Dyn|contains: 'x', Dt|startswith: '2024', G: 'abc'}",
            "sel: {S|re: '^a\\\\d+\"$', D|re|i|m|s: 'x.y', N|re: '\\\\d'}",
            "sel: {S|exists: true, D: null, N|exists: false}",
            "sel: {S|neq: 'x', N|neq: 3, D|neq|contains: 'y'}",
            "sel: {S|cidr: ['10.0.0.0/8', '192.168.0.0/16', 'fe80::/10'], D|cidr: '1.2.3.4/32'}",
            "sel: {S|base64offset|contains: '/bin/sh', D|wide|base64: 'ab', S|utf16|base64offset|contains: 'cmd'}",
            "sel: {S|windash|contains: [' -enc ', '-a -b -c']}",
            "sel: {S|fieldref: D, N|fieldref: L, S|fieldref|endswith: D}",
            "sel: {S|fieldref|contains: D}\n    small: {R|lt: 2, S|gte: 3}\n    condition: sel and not small",
            "sel: {User: 'NT AUTHORITY\\\\SYSTEM', Hashes|contains: ['MD5=AB12', 'SHA256=CD34']}",
            "sel: {S|contains: \"x\\\" or 1==1 | take 10 // \\\\ \\n \\r \\t \\u2028 | } ] '\"}",
            "sel: {S|contains|all: ['a', 'b']}\n    kw: ['evil', 'bad\"x']\n    condition: sel or kw");

    @Test
    void constructsPassTheAnalyzer() throws Exception {
        assumeTrue(KustoAnalyzer.available(), "node or the Kusto language service missing");
        Target target = new TargetDefinitionLoader(n -> Optional.empty()).load(TARGET);
        SigmaParser parser = new SigmaParser();
        KqlTranslator translator = new KqlTranslator();
        List<String> queries = new ArrayList<>();
        for (String detection : DETECTIONS) {
            String yaml = "title: t\nlogsource: {category: process_creation, product: windows}\ndetection:\n    "
                    + detection + (detection.contains("condition") ? "" : "\n    condition: sel") + "\n";
            for (boolean analyst : new boolean[] {false, true}) {
                queries.add(translator.translate(parser.parseRule(yaml), target, new TranslationOptions(analyst, analyst))
                        .query());
            }
        }
        // filters (tuning exceptions): each on its own where line ending with a comment naming it; hostile titles
        // (line breaks, a comment's end, quotes, a pipe) must stay inside the comment
        String rule = "title: t\nid: 12345678-1234-4234-8234-123456789012\n"
                + "logsource: {category: process_creation, product: windows}\n"
                + "detection:\n    sel: {S|contains: 'x', N|gt: 1}\n    condition: sel\n";
        String filters = """
                ---
                title: "host\\nline2 */ \\" | take 1 // \\u2028 end"
                id: 22222222-1234-4234-8234-123456789012
                logsource: {category: process_creation, product: windows}
                filter:
                    rules: [12345678-1234-4234-8234-123456789012]
                    selection: {S: 'a*b\\\\', User: 'DOM\\\\u'}
                    condition: not selection
                ---
                title: second
                id: 33333333-1234-4234-8234-123456789012
                logsource: {category: process_creation, product: windows}
                filter:
                    rules: [12345678-1234-4234-8234-123456789012]
                    a: {N: [3, 4]}
                    b: {D|contains: 'y'}
                    condition: not (a or b)
                """;
        io.detectionhub.sigma.model.SigmaCollection collection = parser.parse(rule + filters);
        for (boolean analyst : new boolean[] {false, true}) {
            String query = translator.translate(collection, target, new TranslationOptions(analyst, analyst)).get(0)
                    .query();
            assertThat(query.lines().filter(l -> l.contains("// exception ")).toList()).as(query).hasSize(2)
                    .allMatch(l -> l.startsWith("| where not("));
            queries.add(query);
        }
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> columns = new LinkedHashMap<>();
        target.table("T").orElseThrow().columns().forEach((k, v) -> columns.put(k, v.keyword()));
        tables.put("T", columns);
        try (KustoAnalyzer analyzer = KustoAnalyzer.start()) {
            analyzer.declare(tables);
            List<List<KustoAnalyzer.Diagnostic>> d = analyzer.analyze(queries);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(d.get(i)).as(queries.get(i)).noneMatch(KustoAnalyzer.Diagnostic::isError);
            }
        }
    }
}
