package io.detectionhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void markdownLinksKeepTheirText() {
        assertThat(PlainText.fromMarkdown("some flavor of [Unix Shell](https://attack.mitre.org/techniques/T1059/004) "
                + "and <code>cmd.exe</code>")).isEqualTo("some flavor of Unix Shell and cmd.exe");
        assertThat(PlainText.fromMarkdown("[x](javascript:alert(1))")).isEqualTo("[x](javascript:alert(1))");
        assertThat(PlainText.fromMarkdown(null)).isNull();
    }
}
