package io.detectionhub.sigma.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.detectionhub.sigma.model.SigmaString;
import io.detectionhub.sigma.model.SigmaString.AnyChar;
import io.detectionhub.sigma.model.SigmaString.AnyChars;
import io.detectionhub.sigma.model.SigmaString.Literal;
import io.detectionhub.sigma.model.SigmaString.Placeholder;

/** Escaping per the project's semantics notes: a backslash escapes only *, ? and another backslash. */
class SigmaStringsTest {

    @Test
    void plainTextIsOneLiteral() {
        assertThat(SigmaStrings.parse("cmd.exe")).isEqualTo(SigmaString.literal("cmd.exe"));
        assertThat(SigmaStrings.parse("").parts()).isEmpty();
    }

    @Test
    void backslashesBeforeOrdinaryCharactersAreLiteral() {
        assertThat(SigmaStrings.parse("C:\\Windows\\System32").parts())
                .containsExactly(new Literal("C:\\Windows\\System32"));
        assertThat(SigmaStrings.parse("\\\\server\\share").parts()).containsExactly(new Literal("\\server\\share"));
    }

    @Test
    void escapedWildcardsAreLiteral() {
        assertThat(SigmaStrings.parse("a\\*b\\?c").parts()).containsExactly(new Literal("a*b?c"));
        assertThat(SigmaStrings.parse("a\\*b").isPlain()).isTrue();
    }

    @Test
    void aDoubledBackslashBeforeAWildcardIsABackslashThenTheWildcard() {
        assertThat(SigmaStrings.parse("C:\\Users\\\\*\\AppData").parts()).containsExactly(
                new Literal("C:\\Users\\"), new AnyChars(), new Literal("\\AppData"));
        assertThat(SigmaStrings.parse("C:\\Users\\*\\AppData").parts())
                .containsExactly(new Literal("C:\\Users*\\AppData"));
    }

    @Test
    void wildcardsBecomeParts() {
        SigmaString s = SigmaStrings.parse("*\\cmd?.exe*");
        assertThat(s.parts()).containsExactly(new AnyChars(), new Literal("\\cmd"), new AnyChar(),
                new Literal(".exe"), new AnyChars());
        assertThat(s.hasWildcards()).isTrue();
        assertThat(s.original()).isEqualTo("*\\cmd?.exe*");
        assertThat(s.asText()).isEqualTo("*\\cmd?.exe*");
    }

    @Test
    void aTrailingBackslashIsLiteral() {
        assertThat(SigmaStrings.parse("dir\\").parts()).containsExactly(new Literal("dir\\"));
    }

    @Test
    void placeholdersOnlyWithExpand() {
        assertThat(SigmaStrings.parse("%Admins%", true).parts()).containsExactly(new Placeholder("Admins"));
        assertThat(SigmaStrings.parse("%Admins%", false).parts()).containsExactly(new Literal("%Admins%"));
        assertThat(SigmaStrings.parse("50% of %x%", true).parts())
                .containsExactly(new Literal("50% of "), new Placeholder("x"));
        assertThat(SigmaStrings.parse("%%", true).parts()).containsExactly(new Literal("%%"));
        assertThat(SigmaStrings.parse("%a%*", true).hasPlaceholders()).isTrue();
    }

    @Test
    void anEscapedPercentIsLiteralWithExpand() {
        // the specification's example: \%plain%name% is "%plain" then the placeholder "name"
        assertThat(SigmaStrings.parse("\\%plain%name%", true).parts())
                .containsExactly(new Literal("%plain"), new Placeholder("name"));
        assertThat(SigmaStrings.parse("\\%plain%", false).parts()).containsExactly(new Literal("\\%plain%"));
    }
}
