package io.detectionhub.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.detectionhub.library.exceptions.RuleException;
import org.junit.jupiter.api.Test;

/** The exceptions sidecar reads back what it wrote, the filter document byte for byte; a broken entry is named. */
class ExceptionsSidecarTest {

    static final String DOCUMENT = """
            title: 'Inventory: service account'
            id: 3f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b
            logsource:
                product: windows
                category: process_creation
            filter:
                rules:
                    - 6a0c2f7e-41d5-4b8e-9d3a-5c7e1f2b3a41
                selection:
                    User: 'CORP\\svc_inventory'   # trailing comment kept
                condition: not selection
            """;

    @Test
    void writtenExceptionsReadBackWithTheirDocumentByteForByte() {
        RuleException e = new RuleException("3f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b", "r1", "Inventory: service account",
                DOCUMENT, "alice", "Runs whoami: hourly\nby design", LocalDate.of(2031, 1, 31), "CHG-1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), 3);
        String text = ExceptionsSidecar.write("r1", List.of(e));
        assertThat(text).startsWith("# Tuning exceptions of rule r1").contains("yaml: |");
        ExceptionsSidecar.Read read = ExceptionsSidecar.read(text);
        assertThat(read.problems()).isEmpty();
        assertThat(read.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(e.id());
            assertThat(entry.request().yaml()).isEqualTo(DOCUMENT);
            assertThat(entry.request().title()).isEqualTo(e.title());
            assertThat(entry.request().reason()).isEqualTo(e.reason());
            assertThat(entry.request().expires()).isEqualTo(LocalDate.of(2031, 1, 31));
            assertThat(entry.request().ticket()).isEqualTo("CHG-1");
        });
    }

    @Test
    void anEntryWithoutItsDocumentOrWithABadDateIsAProblem() {
        ExceptionsSidecar.Read read = ExceptionsSidecar.read("""
                - id: a
                  reason: no yaml
                - id: b
                  yaml: "title: x"
                  expires: next week
                """);
        assertThat(read.entries()).isEmpty();
        assertThat(read.problems()).containsExactly("exception #1: an entry needs 'yaml', the filter document",
                "exception #2: 'expires' is not a date (YYYY-MM-DD)");
        assertThat(ExceptionsSidecar.read("a: b").problems()).containsExactly("not a YAML list of exceptions");
    }
}
