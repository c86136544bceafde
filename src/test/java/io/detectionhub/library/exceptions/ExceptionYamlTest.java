package io.detectionhub.library.exceptions;

import io.detectionhub.sigma.model.SigmaRule;
import io.detectionhub.sigma.parser.SigmaParser;
import io.detectionhub.sigma.parser.SigmaValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an exception's YAML may be, and what is stored for it. */
class ExceptionYamlTest {

    static final String RULE_ID = "5c2a4e7c-7d1e-4d9b-9a0e-3f6b8f1c2d40";
    static final String ID = "0b3c9e0e-8d43-4f27-9d3c-1f1b6d2f9a01";
    static final SigmaRule RULE = new SigmaParser().parseRule("""
            title: Shell via ssh
            id: %s
            name: shell_via_ssh
            logsource:
                category: process_creation
                product: linux
            detection:
                selection:
                    Image|endswith: '/ssh'
                condition: selection
            """.formatted(RULE_ID));

    @Test
    void aWholeDocumentIsKeptByteForByte() {
        String yaml = """
                title: Backup agent # why: nightly backups
                id: %s
                logsource:
                    category: process_creation
                filter:
                    rules:
                        - shell_via_ssh
                    selection:
                        ParentImage|endswith: '/backup-agent'
                    condition: not selection
                """.formatted(ID);
        ExceptionYaml.Normalised n = ExceptionYaml.normalise(yaml, RULE_ID, RULE, null, null);
        assertThat(n.yaml()).isEqualTo(yaml);
        assertThat(n.id()).isEqualTo(ID);
        assertThat(n.filter().title()).isEqualTo("Backup agent");
    }

    @Test
    void onlyTheDetectionIsWrappedIntoAFilterOfTheRule() {
        ExceptionYaml.Normalised n = ExceptionYaml.normalise("""
                selection:
                    ParentImage|endswith: '/backup-agent'
                condition: not selection
                """, RULE_ID, RULE, null, "Backup agent");
        assertThat(n.filter().rules()).containsExactly(RULE_ID);
        assertThat(n.filter().logsource().category()).isEqualTo("process_creation");
        assertThat(n.filter().logsource().product()).isEqualTo("linux");
        assertThat(n.filter().title()).isEqualTo("Backup agent");
        assertThat(n.id()).matches("[0-9a-f-]{36}").isEqualTo(n.filter().id());
        assertThat(n.yaml()).startsWith("title: Backup agent\nid: " + n.id() + "\nlogsource:\n")
                .contains("filter:\n    rules:\n      - " + RULE_ID + "\n    selection:\n");
        // the stored text parses to the same filter again
        assertThat(new SigmaParser().parse(n.yaml()).filters().get(0)).isEqualTo(n.filter());
    }

    @Test
    void aFilterWithoutRulesOrIdGetsThem() {
        ExceptionYaml.Normalised n = ExceptionYaml.normalise("""
                title: Backup agent
                date: 2026-12-01
                filter:
                    selection:
                        ParentImage|endswith: '/backup-agent'
                    condition: not selection
                """, RULE_ID, RULE, ID, null);
        assertThat(n.id()).isEqualTo(ID);
        assertThat(n.filter().rules()).containsExactly(RULE_ID);
        assertThat(n.yaml()).contains("date: '2026-12-01'");
        assertThat(n.filter().metadata().date()).isEqualTo("2026-12-01");
    }

    @Test
    void refusesWhatIsNoExceptionOfThisRule() {
        assertRefused("""
                title: x
                filter:
                    rules: [another-rule]
                    selection:
                        User: backup
                    condition: not selection
                """, null, "filter.rules", "must name '" + RULE_ID + "' (or its name 'shell_via_ssh')");
        assertRefused("""
                title: x
                logsource:
                    product: windows
                filter:
                    selection:
                        User: backup
                    condition: not selection
                """, null, "logsource", "does not cover the rule's logsource");
        assertRefused("""
                title: x
                id: %s
                filter:
                    selection:
                        User: backup
                    condition: not selection
                """.formatted(ID), "11111111-2222-3333-4444-555555555555", "id", "must be this exception's id");
        assertRefused("""
                title: x
                logsource:
                    category: process_creation
                detection:
                    selection:
                        User: backup
                    condition: selection
                """, null, "detection", "not a filter");
        assertRefused("title: x\nfoo: bar\n", null, "", "neither 'filter' nor 'condition'");
        assertRefused("selection:\n    User: backup\ncondition: not selection\n", null, "title", "'title' is missing");
        assertRefused("a: 1\n---\nb: 2\n", null, "", "exactly one");
        assertRefused("", null, "yaml", "'yaml' is missing");
        assertRefused("x".repeat(ExceptionYaml.MAX_YAML + 1), null, "yaml", "at most");
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLine() {
        assertThatThrownBy(() -> ExceptionYaml.normalise("title: x\nfilter:\n  selection:\n    User: [a\n",
                RULE_ID, RULE, null, null))
                .isInstanceOfSatisfying(SigmaValidationException.class,
                        e -> assertThat(e.problems().get(0).line()).isGreaterThan(1));
    }

    @Test
    void theSelectionsAreCheckedByTheSigmaParser() {
        assertThatThrownBy(() -> ExceptionYaml.normalise("""
                selection:
                    User|nosuchmodifier: backup
                condition: not selection
                """, RULE_ID, RULE, null, "t"))
                .isInstanceOfSatisfying(SigmaValidationException.class,
                        e -> assertThat(e.problems().get(0).path()).contains("selection"));
    }

    @Test
    void anExceptionExpiresOnItsDate() {
        RuleException e = new RuleException(ID, RULE_ID, "t", "y", "alice", "r", LocalDate.of(2027, 1, 10), null,
                Instant.EPOCH, Instant.EPOCH, 1);
        assertThat(e.expiredOn(LocalDate.of(2027, 1, 9))).isFalse();
        assertThat(e.expiredOn(LocalDate.of(2027, 1, 10))).isTrue();
        assertThat(e.expiredOn(LocalDate.of(2027, 1, 11))).isTrue();
        RuleException never = new RuleException(ID, RULE_ID, "t", "y", "alice", "r", null, null, Instant.EPOCH,
                Instant.EPOCH, 1);
        assertThat(never.expiredOn(LocalDate.of(9999, 1, 1))).isFalse();
    }

    private static void assertRefused(String yaml, String id, String path, String message) {
        assertThatThrownBy(() -> ExceptionYaml.normalise(yaml, RULE_ID, RULE, id, null))
                .isInstanceOfSatisfying(SigmaValidationException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).path()).isEqualTo(path);
                    assertThat(e.problems().get(0).message()).contains(message);
                });
    }

}
