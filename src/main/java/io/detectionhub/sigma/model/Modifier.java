package io.detectionhub.sigma.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The value modifiers of the Sigma specification's modifiers appendix. */
public enum Modifier {
    CONTAINS("contains"),
    STARTSWITH("startswith"),
    ENDSWITH("endswith"),
    ALL("all"),
    EXISTS("exists"),
    CASED("cased"),
    NEQ("neq"),
    WINDASH("windash"),
    RE("re"),
    /** {@code re|i}: case-insensitive regular expression */
    RE_IGNORECASE("i"),
    /** {@code re|m}: multi-line ({@code ^}/{@code $} match at line breaks) */
    RE_MULTILINE("m"),
    /** {@code re|s}: dot matches line breaks */
    RE_DOTALL("s"),
    BASE64("base64"),
    BASE64OFFSET("base64offset"),
    UTF16LE("utf16le"),
    UTF16BE("utf16be"),
    UTF16("utf16"),
    WIDE("wide"),
    LT("lt"),
    LTE("lte"),
    GT("gt"),
    GTE("gte"),
    MINUTE("minute"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year"),
    CIDR("cidr"),
    FIELDREF("fieldref"),
    EXPAND("expand");

    private static final Map<String, Modifier> BY_KEYWORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Modifier::keyword, Function.identity()));
    private static final Map<String, Modifier> ALIASES = Map.of(
            "ignorecase", RE_IGNORECASE, "multiline", RE_MULTILINE, "dotall", RE_DOTALL);

    private final String keyword;

    Modifier(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<Modifier> fromKeyword(String keyword) {
        String key = keyword.toLowerCase(Locale.ROOT);
        Modifier m = BY_KEYWORD.get(key);
        return Optional.ofNullable(m != null ? m : ALIASES.get(key));
    }

    public boolean isRegexFlag() {
        return this == RE_IGNORECASE || this == RE_MULTILINE || this == RE_DOTALL;
    }

    public boolean isNumericComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    public boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    public boolean isEncoding() {
        return this == BASE64 || this == BASE64OFFSET || this == UTF16LE || this == UTF16BE || this == UTF16
                || this == WIDE;
    }
}
