package io.detectionhub.sigma.kql.kusto;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class QueryPartsTest {

    private static final String QUERY = """
            // Title: a "quoted" title
            T
            | where A =~ "x"
            | extend P = strcat(S, iff(isempty(S), "", "\\\\"), ['a b'])
            | where (P contains "y or z" and not(N == 3 or S in~ ("a", "b"))) or S matches regex "(?i)^a\\\\d$" or N == 3
            | project S, N""";

    @Test
    void aQueryFallsIntoFrameAtomsSkeletonsAndLiterals() {
        QueryParts parts = QueryParts.of(QUERY);
        assertThat(parts.frame()).isEqualTo("""
                T
                | where true
                | extend P = strcat(S, iff(isempty(S), "", ""), ['a b'])
                | where true
                | project S, N""");
        assertThat(parts.conditions()).hasSize(2);
        assertThat(parts.conditions().get(0).prefix()).isEqualTo("T");
        assertThat(parts.conditions().get(0).atoms()).containsExactly("A =~ \"\"");
        QueryParts.Condition second = parts.conditions().get(1);
        assertThat(second.prefix()).isEqualTo("T\n| where true\n| extend P = strcat(S, iff(isempty(S), \"\", \"\"), ['a b'])");
        assertThat(second.atoms()).containsExactly("P contains \"\"", "N == 3", "S in~ (\"\", \"\")",
                "S matches regex \"(?i)^a\\\\d$\"");
        assertThat(second.skeleton()).isEqualTo("((true and not((true))) or true)");
        assertThat(parts.literals()).containsExactly("\"x\"", "\"\"", "\"\\\\\"", "\"y or z\"", "\"a\"", "\"b\"");
    }

    @Test
    void anExceptionsCommentIsLeftOutOfItsCondition() {
        QueryParts parts = QueryParts.of("T\n| where A =~ \"x\"\n| where not(S =~ \"a // b\" and N == 3)  "
                + "// exception 5f0c: \"quoted\" title | where x");
        assertThat(parts).isNotNull();
        assertThat(parts.frame()).isEqualTo("T\n| where true\n| where true");
        assertThat(parts.conditions().get(1).atoms()).containsExactly("S =~ \"\"", "N == 3");
        assertThat(parts.conditions().get(1).skeleton()).isEqualTo("not((true))");
        assertThat(parts.literals()).containsExactly("\"x\"", "\"a // b\"");
    }

    @Test
    void textsNotWrittenByTheTranslatorAreCheckedWhole() {
        assertThat(QueryParts.of("T | where S == 'x'")).isNull();
        assertThat(QueryParts.of("T\n| where (S == \"x\"")).isNull();
    }

    /** An error anywhere in a query shows in one of its parts: the parts are not a weaker check. */
    @Test
    void everyErrorOfAQueryIsAnErrorOfOneOfItsParts() throws Exception {
        assumeTrue(KustoAnalyzer.available(), "node or the Kusto language service missing");
        List<String> broken = List.of(
                "T\n| where (S == \"a\" or (N == 1 and Unknown == \"b\"))",
                "T\n| where S == \"a\" or N contains 1 and not(S)",
                "T\n| where not(N > \"a\") or S == \"b\"",
                "T\n| extend P = strcat(S, Unknown)\n| where P == \"a\"",
                "T\n| where S == \"a\"\n| project S, Unknown",
                "T\n| where S == \"\\q\"",
                "T\n| where S matches regex \"a\" and isempty()");
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        tables.put("T", Map.of("S", "string", "N", "int"));
        try (KustoAnalyzer analyzer = KustoAnalyzer.start()) {
            analyzer.declare(tables);
            for (String query : broken) {
                assertThat(hasError(analyzer, List.of(query))).as("whole: " + query).isTrue();
                QueryParts parts = QueryParts.of(query);
                List<String> texts = new ArrayList<>();
                texts.add(parts.frame());
                for (QueryParts.Condition c : parts.conditions()) {
                    c.atoms().forEach(a -> texts.add(c.prefix() + "\n| where " + a));
                    texts.add("print " + c.skeleton());
                }
                parts.literals().forEach(l -> texts.add("print " + l));
                assertThat(hasError(analyzer, texts)).as("parts: " + query).isTrue();
            }
        }
    }

    private static boolean hasError(KustoAnalyzer analyzer, List<String> texts) throws Exception {
        return analyzer.analyze(texts).stream().flatMap(List::stream).anyMatch(KustoAnalyzer.Diagnostic::isError);
    }
}
