package io.detectionhub.sigma.kql;

import io.detectionhub.sigma.kql.target.TargetRegistry;
import io.detectionhub.sigma.parser.SigmaParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Rules whose query must be exactly what the reference converter (pySigma Kusto backend) gives, whitespace aside. */
class ReferenceConverterCompatibilityTest {

    private static final String SSH_RULE = "corpus/sigmahq/rules/linux/process_creation/proc_creation_lnx_ssh_shell_execution.yml";

    @Test
    void sshShellExecutionOnSentinelAsim() throws Exception {
        Path shared = CorpusTranslation.sharedDir().orElse(null);
        assumeTrue(shared != null, "shared corpus absent");
        String yaml = Files.readString(shared.resolve(SSH_RULE));
        Translation t = new KqlTranslator().translate(new SigmaParser().parseRule(yaml),
                TargetRegistry.builtIn().find("sentinel-asim").orElseThrow(), TranslationOptions.PLAIN);
        assertThat(normalise(t.query())).isEqualTo(normalise("""
                imProcessCreate | where (TargetProcessName endswith "/ssh" and (TargetProcessCommandLine contains "ProxyCommand=;" \
                or TargetProcessCommandLine contains "permitlocalcommand=yes" or TargetProcessCommandLine contains "localhost")) \
                and (TargetProcessCommandLine contains "/bin/bash" or TargetProcessCommandLine contains "/bin/dash" \
                or TargetProcessCommandLine contains "/bin/fish" or TargetProcessCommandLine contains "/bin/sh" \
                or TargetProcessCommandLine contains "/bin/zsh" or TargetProcessCommandLine contains "sh 0<&2 1>&2" \
                or TargetProcessCommandLine contains "sh 1>&2 0<&2")"""));
    }

    private static String normalise(String kql) {
        return kql.trim().replaceAll("\\s+", " ");
    }
}
