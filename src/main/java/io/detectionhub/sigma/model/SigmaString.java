package io.detectionhub.sigma.model;

import java.util.List;

/**
 * A string value with its wildcards and escapes resolved into parts. {@code original} is the text as written
 * (used verbatim by {@code re} and {@code fieldref}, which take no wildcards).
 */
public record SigmaString(String original, List<Part> parts) implements SigmaValue {

    public SigmaString {
        parts = List.copyOf(parts);
    }

    /** A piece of a Sigma string. */
    public sealed interface Part permits Literal, AnyChars, AnyChar, Placeholder {
    }

    /** Literal text (escapes already resolved). */
    public record Literal(String text) implements Part {
    }

    /** {@code *}: any sequence of characters, possibly empty. */
    public record AnyChars() implements Part {
    }

    /** {@code ?}: exactly one character. */
    public record AnyChar() implements Part {
    }

    /** {@code %name%} of a value with the {@code expand} modifier. */
    public record Placeholder(String name) implements Part {
    }

    public static SigmaString literal(String text) {
        return new SigmaString(text, text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    public boolean hasWildcards() {
        return parts.stream().anyMatch(p -> p instanceof AnyChars || p instanceof AnyChar);
    }

    public boolean hasPlaceholders() {
        return parts.stream().anyMatch(p -> p instanceof Placeholder);
    }

    /** True when the string is only literal text. */
    public boolean isPlain() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The literal text with wildcards dropped; for plain strings, the exact value. */
    public String literalText() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    @Override
    public String asText() {
        return isPlain() ? literalText() : original;
    }
}
