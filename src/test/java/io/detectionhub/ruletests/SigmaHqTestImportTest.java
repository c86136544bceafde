package io.detectionhub.ruletests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** SigmaHQ's regression convention and simulation blocks, turned into cases and links; what cannot be, said. */
class SigmaHqTestImportTest {

    static final String RULE = """
            title: Test
            id: 0d0d0d0d-0000-4000-8000-000000000001
            logsource: {product: windows, category: process_creation}
            detection: {selection: {Image|endswith: '\\\\x.exe'}, condition: selection}
            regression_tests_path: regression_data/rules/x/info.yml
            simulation:
                - type: atomic-red-team
                  name: Run x
                  technique: T1059.001
                  atomic_guid: 6D0E5DB6-0000-4000-8000-000000000002
            """;

    static SigmaHqTestImport.FileResolver files(Map<String, String> files) {
        return path -> Optional.ofNullable(files.get(path));
    }

    @Test
    void jsonSamplesBecomeMustMatchCasesAndEvtxOnlyIsReported() {
        SigmaHqTestImport.Result r = SigmaHqTestImport.fromRule(RULE, files(Map.of(
                "regression_data/rules/x/info.yml", """
                        regression_tests_info:
                            - name: Positive Detection Test
                              type: evtx
                              match_count: 2
                              path: regression_data\\rules\\x\\a.evtx
                            - name: Only evtx
                              type: evtx
                              path: regression_data/rules/x/b.evtx
                            - name: Lines
                              type: jsonl
                              path: regression_data/rules/x/c.jsonl
                            - name: Escape
                              type: json
                              path: ../../etc/passwd
                        """,
                "regression_data/rules/x/a.json", "[{\"Image\": \"C:\\\\x.exe\"}, {\"Image\": \"C:\\\\x.exe\"}]",
                "regression_data/rules/x/c.jsonl", "{\"Image\": \"C:\\\\x.exe\"}\n")));
        assertThat(r.cases()).hasSize(2);
        RuleTestDraft first = r.cases().get(0);
        assertThat(first.name()).isEqualTo("Positive Detection Test (a.json)");
        assertThat(first.origin()).isEqualTo("sigmahq");
        assertThat(first.source()).isEqualTo("regression_data/rules/x/a.json");
        assertThat(first.expectation().kind()).isEqualTo(Expectation.Kind.MATCH);
        assertThat(first.expectation().atLeast()).isEqualTo(2);
        assertThat(r.cases().get(1).format()).isEqualTo("ndjson");
        assertThat(r.notImportable()).singleElement().asString().contains("b.evtx").contains("only the .evtx");
        assertThat(r.problems()).singleElement().asString().contains("no usable path");
        assertThat(r.atomicLinks()).containsExactly(new SigmaHqTestImport.AtomicLink("Run x", "T1059.001",
                "6d0e5db6-0000-4000-8000-000000000002"));
    }

    @Test
    void aMissingInfoFileAndAnAliasBombAreProblemsNotCrashes() {
        assertThat(SigmaHqTestImport.fromRule(RULE, files(Map.of())).problems()).singleElement().asString()
                .contains("not in the repository");
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
        assertThat(SigmaHqTestImport.fromRule(RULE, files(Map.of("regression_data/rules/x/info.yml", bomb)))
                .problems()).singleElement().asString().contains("could not be read");
        assertThat(SigmaHqTestImport.fromRule("title: no tests\n", files(Map.of())).cases()).isEmpty();
    }
}
