package io.detectionhub.sigma.evaluation.acceleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.re2j.Pattern;

import io.detectionhub.sigma.evaluation.acceleration.probe.Probe;
import io.detectionhub.sigma.evaluation.match.CompiledItem;
import io.detectionhub.sigma.evaluation.match.Matchers;
import io.detectionhub.sigma.evaluation.match.StringPattern;
import io.detectionhub.sigma.evaluation.match.ValueMatcher;

/**
 * What a value must hold for an item to match, derived from the structure of its matchers: the gates of the shared
 * multi-pattern search. A gate is a set of probes of which at least one must hold in a value of the item's field (for
 * a keyword item, in any string value); an item matches only when all its gates hold. Anything not known to be
 * required adds no gate, so the gates may let through an event the item rejects, never the reverse.
 */
final class ItemGates {

    private ItemGates() {
    }

    /**
     * The gates of an item. Empty when it has no usable probe (negated items, numeric comparisons, regular
     * expressions without a literal...).
     */
    static List<List<Probe>> of(CompiledItem item) {
        if (item.negated()) {
            return List.of();
        }
        List<ValueMatcher> matchers = item.matchers();
        List<List<Probe>> gates = new ArrayList<>();
        List<Probe> anyOf = new ArrayList<>();
        for (ValueMatcher m : matchers) {
            List<List<Probe>> clauses = requiredProbes(m).stream().filter(ItemGates::usable).toList();
            if (item.all() || matchers.size() == 1) {
                gates.addAll(clauses);
            } else if (clauses.isEmpty()) {
                return List.of();
            } else {
                anyOf.addAll(mostSelective(clauses));
            }
        }
        if (!anyOf.isEmpty()) {
            gates.add(anyOf);
        }
        return gates;
    }

    /**
     * What every value a matcher accepts holds: clauses that all hold, each a list of probes of which the value holds
     * at least one. Empty when nothing is known.
     */
    static List<List<Probe>> requiredProbes(ValueMatcher matcher) {
        if (matcher instanceof Matchers.StringMatch s) {
            List<Probe> out = new ArrayList<>(s.patterns().size());
            for (StringPattern p : s.patterns()) {
                Probe probe = requiredProbe(p);
                if (probe == null) {
                    return List.of();
                }
                out.add(probe);
            }
            return List.of(out);
        }
        if (matcher instanceof Matchers.NumberMatch n) {
            // the integer as written, or another numeral that may equal it
            return n.canonicalInteger() ? List.of(List.of(Probe.exact(n.pattern()), Probe.OTHER_NUMERAL)) : List.of();
        }
        if (matcher instanceof Matchers.RegexMatch r) {
            boolean caseInsensitive = (r.regex().flags() & Pattern.CASE_INSENSITIVE) != 0;
            return RegexPrefilter.clauses(r.regex().pattern(), caseInsensitive).stream()
                    .map(clause -> clause.stream().map(Probe::contains).toList()).toList();
        }
        return List.of();
    }

    /**
     * What every text a pattern matches holds, lower-cased: the literal itself for the plain shapes; for other
     * patterns the longest run of literal characters, anchored when it opens or closes the pattern. Null when the
     * pattern has no literal character.
     */
    static Probe requiredProbe(StringPattern pattern) {
        boolean cased = pattern.cased();
        if (pattern.shape() != StringPattern.Shape.GLOB) {
            Probe.Anchor anchor = switch (pattern.shape()) {
                case EXACT -> Probe.Anchor.EXACT;
                case PREFIX -> Probe.Anchor.PREFIX;
                case SUFFIX -> Probe.Anchor.SUFFIX;
                default -> Probe.Anchor.CONTAINS;
            };
            return new Probe(anchor, lowerForProbe(pattern.literal(), cased));
        }
        int[] codes = pattern.codes();
        int bestStart = -1;
        int bestEnd = -1;
        int start = -1;
        for (int i = 0; i <= codes.length; i++) {
            boolean literal = i < codes.length && codes[i] >= 0;
            if (literal && start < 0) {
                start = i;
            } else if (!literal && start >= 0) {
                boolean anchored = start == 0 || i == codes.length;
                int length = i - start;
                int bestLength = bestEnd - bestStart;
                boolean bestAnchored = bestStart == 0 || bestEnd == codes.length;
                if (length > bestLength || length == bestLength && anchored && !bestAnchored) {
                    bestStart = start;
                    bestEnd = i;
                }
                start = -1;
            }
        }
        if (bestStart < 0) {
            return null;
        }
        String text = lowerForProbe(new String(codes, bestStart, bestEnd - bestStart), cased);
        Probe.Anchor anchor = bestStart == 0 ? Probe.Anchor.PREFIX
                : bestEnd == codes.length ? Probe.Anchor.SUFFIX : Probe.Anchor.CONTAINS;
        return new Probe(anchor, text);
    }

    /** Probes compare lower-cased text; an uncased pattern is lower-cased already. */
    private static String lowerForProbe(String text, boolean cased) {
        return cased ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The clause whose shortest probe is longest. */
    private static List<Probe> mostSelective(List<List<Probe>> clauses) {
        List<Probe> best = clauses.get(0);
        for (List<Probe> clause : clauses) {
            if (shortest(clause) > shortest(best)) {
                best = clause;
            }
        }
        return best;
    }

    private static int shortest(List<Probe> clause) {
        return clause.stream().mapToInt(p -> p.text().length()).min().orElse(0);
    }

    private static boolean usable(List<Probe> clause) {
        if (clause.isEmpty()) {
            return false;
        }
        for (Probe p : clause) {
            if (!usable(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A contains literal of one or two ASCII characters occurs almost everywhere unless it is punctuation that
     * everyday paths and command lines rarely hold (a backtick, {@code ${}, {@code ^^}), and would cost a table probe
     * at every character of the field; the few characters whose lower case depends on context (dotted capital I,
     * Greek sigma) could differ between the probe and the lower-cased event value.
     */
    private static boolean usable(Probe probe) {
        String text = probe.text();
        if (probe.anchor() == Probe.Anchor.CONTAINS && text.length() < 3 && !rareShortLiteral(text)
                || text.isEmpty() && (probe.anchor() == Probe.Anchor.PREFIX
                || probe.anchor() == Probe.Anchor.SUFFIX)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0130' || c == '\u0131' || c == '\u03a3' || c == '\u03c3' || c == '\u03c2') {
                return false;
            }
        }
        return true;
    }

    private static final String COMMON_PUNCTUATION = " \\/.-:\"_,()'=\t";

    /** Non-ASCII text, or punctuation other than the everyday kind, such as a backtick or {@code ${}. */
    static boolean rareShortLiteral(String text) {
        return !text.isEmpty() && (text.chars().anyMatch(c -> c >= 0x80)
                || text.chars().noneMatch(Character::isLetterOrDigit)
                && (text.length() == 2 || COMMON_PUNCTUATION.indexOf(text.charAt(0)) < 0));
    }
}
