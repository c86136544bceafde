package io.detectionhub.library.workflow;

import io.detectionhub.library.revisions.RevisionDiff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The review's text diff: unified for the API, side-by-side rows with the changed words marked for the page. */
class TextDiffTest {

    static final String BEFORE = """
            imProcessCreate
            | where TargetProcessName endswith "\\\\certutil.exe"
            | where TargetProcessCommandLine contains "urlcache"
            """;

    @Test
    void theSameTextIsUnchangedAndHasNoRows() {
        TextDiff diff = TextDiff.of("revision 2 (approved)", BEFORE, "current", BEFORE);
        assertThat(diff.unchanged()).isTrue();
        assertThat(diff.unified()).isEmpty();
        assertThat(diff.rows()).isEmpty();
    }

    @Test
    void aChangedWordIsMarkedInItsLineAndTheUnifiedDiffNamesBothSides() {
        TextDiff diff = TextDiff.of("revision 2 (approved)", BEFORE, "current", BEFORE.replace("urlcache", "verifyctl"));
        assertThat(diff.unified()).startsWith("--- revision 2 (approved)\n+++ current\n")
                .contains("-| where TargetProcessCommandLine contains \"urlcache\"\n")
                .contains("+| where TargetProcessCommandLine contains \"verifyctl\"\n");
        List<RevisionDiff.Row> rows = diff.rows();
        assertThat(rows).extracting(RevisionDiff.Row::kind).containsExactly("equal", "equal", "change");
        RevisionDiff.Row changed = rows.get(2);
        assertThat(changed.oldNumber()).isEqualTo(3);
        assertThat(changed.oldText()).filteredOn(RevisionDiff.Segment::changed).extracting(RevisionDiff.Segment::text)
                .singleElement().asString().contains("urlcache").doesNotContain("where");
        assertThat(changed.newText()).filteredOn(RevisionDiff.Segment::changed).extracting(RevisionDiff.Segment::text)
                .singleElement().asString().contains("verifyctl");
    }

    @Test
    void aMissingSideIsDevNullAndEveryLineOfTheOtherIsWhole() {
        TextDiff gone = TextDiff.of("revision 2 (approved)", BEFORE, "current", null);
        assertThat(gone.unified()).startsWith("--- revision 2 (approved)\n+++ /dev/null\n");
        assertThat(gone.rows()).extracting(RevisionDiff.Row::kind).containsOnly("delete");
        assertThat(gone.rows()).allSatisfy(r -> assertThat(r.oldText()).singleElement()
                .satisfies(s -> assertThat(s.changed()).isTrue()));
        TextDiff added = TextDiff.of("never approved", null, "current", BEFORE);
        assertThat(added.unified()).startsWith("--- /dev/null\n+++ current\n");
        assertThat(added.rows()).hasSize(3).extracting(RevisionDiff.Row::kind).containsOnly("insert");
    }

    @Test
    void longRunsOfUnchangedLinesAreSkippedBeyondThreeLinesOfContext() {
        String before = String.join("\n", java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i)
                .toList()) + "\n";
        TextDiff diff = TextDiff.of("a", before, "b", before.replace("line 10\n", "line ten\n"));
        assertThat(diff.rows()).extracting(RevisionDiff.Row::kind)
                .containsExactly("skip", "equal", "equal", "equal", "change", "equal", "equal", "equal", "skip");
        assertThat(diff.rows().get(0).skipped()).isEqualTo(6);
        assertThat(diff.rows().get(8).skipped()).isEqualTo(7);
    }
}
