package io.detectionhub.sigma.evaluation.acceleration.probe;

import io.detectionhub.sigma.evaluation.match.Matchers;

/**
 * A lower-cased literal that a field's lower-cased value must hold, at the place its anchor says, for a value matcher
 * to match: the unit of the shared multi-pattern search. An exact, prefix or suffix probe is answered by a lookup or
 * a short trie walk; only contains probes need the value scanned.
 */
public record Probe(Anchor anchor, String text) {

    /** Where the text must be; {@code NUMERAL} (no text): the value is a number written other than as a plain integer. */
    public enum Anchor { EXACT, PREFIX, SUFFIX, CONTAINS, NUMERAL }

    /** Held by values such as {@code 4.688e3} or {@code 04688}: what a plain-integer probe cannot see. */
    public static final Probe OTHER_NUMERAL = new Probe(Anchor.NUMERAL, "");

    public static Probe contains(String text) {
        return new Probe(Anchor.CONTAINS, text);
    }

    public static Probe exact(String text) {
        return new Probe(Anchor.EXACT, text);
    }

    /** True for numeric text that is not a canonical integer (see {@link Anchor#NUMERAL}). */
    public static boolean otherNumeral(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        boolean possible = c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || Character.isWhitespace(c);
        return possible && !Matchers.isCanonicalInteger(value) && Matchers.parseNumber(value) != null;
    }

    /** True when a lower-cased value holds this probe. */
    public boolean heldBy(String lowerValue) {
        return switch (anchor) {
            case EXACT -> lowerValue.equals(text);
            case PREFIX -> lowerValue.startsWith(text);
            case SUFFIX -> lowerValue.endsWith(text);
            case CONTAINS -> lowerValue.contains(text);
            case NUMERAL -> otherNumeral(lowerValue);
        };
    }
}
