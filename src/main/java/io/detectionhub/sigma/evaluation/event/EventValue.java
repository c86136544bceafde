package io.detectionhub.sigma.evaluation.event;

import java.util.Locale;

/**
 * One scalar value of an event. Its text is what Sigma string values compare against (numbers and booleans in their
 * JSON spelling); the lower-cased form is computed at most once per value, however many rules look at it.
 */
public final class EventValue {

    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public static final EventValue NULL = new EventValue(Kind.NULL, null);

    private final Kind kind;
    private final String text;
    private String lower;
    private long searchPass;
    /** The parser and its result, as one object so that a reader never pairs one parser with another's result. */
    private record Parsed(java.util.function.Function<String, ?> parser, Object result) {
    }

    private Parsed parsed;

    private EventValue(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public static EventValue string(String text) {
        return new EventValue(Kind.STRING, text);
    }

    public static EventValue number(String text) {
        return new EventValue(Kind.NUMBER, text);
    }

    public static EventValue bool(boolean value) {
        return new EventValue(Kind.BOOLEAN, value ? "true" : "false");
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The value as text; null only for a JSON null. */
    public String text() {
        return text;
    }

    public String lower() {
        String l = lower;
        if (l == null && text != null) {
            l = text.toLowerCase(Locale.ROOT);
            lower = l;
        }
        return l;
    }

    /**
     * The text parsed by {@code parser} (which must be a pure function), computed once per value: a rule with 170
     * networks ({@code cidr}) parses an address once, not once per network. One parsed form is kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T parsed(java.util.function.Function<String, T> parser) {
        Parsed p = parsed;
        if (p == null || p.parser() != parser) {
            p = new Parsed(parser, text == null ? null : parser.apply(text));
            parsed = p;
        }
        return (T) p.result();
    }

    /** True when the lower-cased form is already known (computed or remembered). */
    public boolean hasLower() {
        return lower != null;
    }

    /**
     * Takes the lower-cased form of an equal text already computed (a cache of repeated values): the same text
     * lower-cases the same way, so this only saves the work.
     */
    public void rememberLower(String lowerOfEqualText) {
        if (lower == null && text != null) {
            lower = lowerOfEqualText;
        }
    }

    /**
     * Records that the probe search pass {@code pass} (a number unique to one search of one event) has searched this
     * value for keyword probes, so the same pass need not search it again.
     */
    public void searchedIn(long pass) {
        searchPass = pass;
    }

    /** True when {@link #searchedIn} recorded this pass. */
    public boolean wasSearchedIn(long pass) {
        return searchPass == pass;
    }

    /** Event values as they appear in an explanation: JSON null stays null, everything else is text. */
    public Object display() {
        return text;
    }

    @Override
    public String toString() {
        return kind == Kind.STRING ? '"' + text + '"' : String.valueOf(text);
    }
}
