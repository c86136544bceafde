package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.parser.SigmaIdentity.IdentifiedYaml;

class SigmaIdentityTest {

    private static final String NEW_ID = "11111111-2222-4333-8444-555555555555";

    @Test
    void keepsAnExistingIdAndTheTextUnchanged() {
        String yaml = TestYaml.read("full_rule.yml");
        IdentifiedYaml result = SigmaIdentity.ensureId(yaml);
        assertThat(result.id()).isEqualTo("2f8d7c1e-3b4a-4c5d-9e6f-7a8b9c0d1e2f");
        assertThat(result.yaml()).isSameAs(yaml);
        assertThat(result.generated()).isFalse();
    }

    @Test
    void insertsAGeneratedIdRightAfterTheTitle() {
        IdentifiedYaml result = SigmaIdentity.ensureId("""
                # comment
                title: My rule # trailing comment
                status: test
                """);
        assertThat(result.generated()).isTrue();
        assertThat(UUID.fromString(result.id()).version()).isEqualTo(4);
        assertThat(result.yaml()).isEqualTo("# comment\ntitle: My rule # trailing comment\nid: " + result.id()
                + "\nstatus: test\n");
    }

    @Test
    void preservesWindowsLineEndings() {
        IdentifiedYaml result = SigmaIdentity.ensureId("title: t\r\nstatus: test\r\n", NEW_ID);
        assertThat(result.yaml()).isEqualTo("title: t\r\nid: " + NEW_ID + "\r\nstatus: test\r\n");
    }

    @Test
    void handlesATitleOnTheLastLineWithoutLineBreak() {
        assertThat(SigmaIdentity.ensureId("status: test\ntitle: t", NEW_ID).yaml())
                .isEqualTo("status: test\ntitle: t\nid: " + NEW_ID);
    }

    @Test
    void insertsAfterAMultiLineTitle() {
        assertThat(SigmaIdentity.ensureId("title: >\n    folded\n    title\nstatus: test\n", NEW_ID).yaml())
                .isEqualTo("title: >\n    folded\n    title\nid: " + NEW_ID + "\nstatus: test\n");
        assertThat(SigmaIdentity.ensureId("title: plain\n    continued\nstatus: test\n", NEW_ID).yaml())
                .isEqualTo("title: plain\n    continued\nid: " + NEW_ID + "\nstatus: test\n");
    }

    @Test
    void insertsAtTheStartOfADocumentWithoutTitle() {
        assertThat(SigmaIdentity.ensureId("# header\nstatus: test\n", NEW_ID).yaml())
                .isEqualTo("# header\nid: " + NEW_ID + "\nstatus: test\n");
    }

    @Test
    void usesTheFirstCorrelationAsPrimaryDocument() {
        String yaml = "title: base\nname: base\n---\ntitle: corr\ncorrelation: {type: temporal}\n";
        assertThat(SigmaIdentity.ensureId(yaml, NEW_ID).yaml())
                .isEqualTo("title: base\nname: base\n---\ntitle: corr\nid: " + NEW_ID + "\ncorrelation: "
                        + "{type: temporal}\n");
        String withId = "title: base\n---\ntitle: corr\nid: abc\ncorrelation: {type: temporal}\n";
        assertThat(SigmaIdentity.ensureId(withId)).isEqualTo(new IdentifiedYaml("abc", withId, false));
    }

    @Test
    void otherwiseUsesTheFirstDocument() {
        String yaml = "title: one\n---\ntitle: two\nid: second\n";
        assertThat(SigmaIdentity.ensureId(yaml, NEW_ID).yaml())
                .isEqualTo("title: one\nid: " + NEW_ID + "\n---\ntitle: two\nid: second\n");
    }

    @Test
    void keepsAByteOrderMark() {
        assertThat(SigmaIdentity.ensureId("\uFEFFtitle: t\nstatus: test\n", NEW_ID).yaml())
                .isEqualTo("\uFEFFtitle: t\nid: " + NEW_ID + "\nstatus: test\n");
    }

    @Test
    void theResultParses() {
        String yaml = TestYaml.rule("sel: {a: 1}\ncondition: sel");
        IdentifiedYaml result = SigmaIdentity.ensureId(yaml);
        assertThat(new SigmaParser().parseRule(result.yaml()).id()).isEqualTo(result.id());
    }

    @Test
    void rejectsInvalidYamlEmptyIdsAndFlowDocuments() {
        assertThatThrownBy(() -> SigmaIdentity.ensureId("title: [unclosed\n"))
                .isInstanceOf(SigmaValidationException.class).hasMessageStartingWith("line 2: invalid YAML:");
        assertThatThrownBy(() -> SigmaIdentity.ensureId("title: t\nid: ''\n"))
                .isInstanceOf(SigmaValidationException.class)
                .hasMessage("line 2: id: 'id' is empty: remove it (one is generated) or give a UUID");
        assertThatThrownBy(() -> SigmaIdentity.ensureId("{title: t}"))
                .isInstanceOf(SigmaValidationException.class)
                .hasMessage("line 1: id: cannot add an id to a document written as a flow map {...}; add 'id:' "
                        + "yourself");
        assertThatThrownBy(() -> SigmaIdentity.ensureId("- a\n")).isInstanceOf(SigmaValidationException.class)
                .hasMessage("line 1: a Sigma document must be a map of attributes, not a list");
    }
}
