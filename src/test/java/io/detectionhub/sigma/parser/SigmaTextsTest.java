package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SigmaTextsTest {

    private static final String RULE_A = "title: A\nid: a\nlogsource:\n    product: x\ndetection:\n    s:\n        f: 1\n"
            + "    condition: s\n";
    private static final String RULE_B = "title: B\r\nid: b\r\nlogsource:\r\n    product: x\r\ndetection:\r\n"
            + "    s:\r\n        f: 2\r\n    condition: s\r\n";

    @Test
    void cutsEachDocumentSoThatThePiecesJoinedAreTheText() {
        String text = "# leading comment\n" + RULE_A + "---\n" + RULE_B + "--- # third\r\n" + RULE_A.replace("id: a",
                "id: c") + "---\n";
        List<String> pieces = SigmaTexts.split(text);
        assertThat(pieces).hasSize(3);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces.get(0)).startsWith("# leading comment\ntitle: A");
        assertThat(pieces.get(1)).startsWith("---\ntitle: B");
        assertThat(pieces.get(2)).startsWith("--- # third").endsWith("condition: s\n---\n");
        for (int i = 0; i < pieces.size(); i++) {
            assertThat(new SigmaParser().parse(pieces.get(i)).documents()).hasSize(1);
        }
    }

    @Test
    void aSingleDocumentIsOnePieceEvenWithAnExplicitStartAndABom() {
        String text = "\uFEFF# c\n---\n" + RULE_A;
        assertThat(SigmaTexts.split(text)).containsExactly(text);
        assertThat(SigmaTexts.split(RULE_A)).containsExactly(RULE_A);
    }

    @Test
    void linesOfNonAsciiTextAreCutAtTheirStart() {
        String text = RULE_A.replace("title: A", "title: A 🚀 café") + "---\n" + RULE_B;
        List<String> pieces = SigmaTexts.split(text);
        assertThat(pieces).containsExactly(RULE_A.replace("title: A", "title: A 🚀 café"), "---\n" + RULE_B);
    }
}
