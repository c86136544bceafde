package io.detectionhub.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitleSlugTest {

    @Test
    void slugsTitlesForFileNames() {
        assertThat(TitleSlug.of("Shell Invocation Via Ssh - Linux", "x")).isEqualTo("shell-invocation-via-ssh-linux");
        assertThat(TitleSlug.of("Café — règle", "x")).isEqualTo("cafe-regle");
        assertThat(TitleSlug.of("../../etc/passwd", "x")).isEqualTo("etc-passwd");
        assertThat(TitleSlug.of("🔥🔥", "fallback-id")).isEqualTo("fallback-id");
        assertThat(TitleSlug.of("a".repeat(200), "x")).hasSize(80);
    }
}
