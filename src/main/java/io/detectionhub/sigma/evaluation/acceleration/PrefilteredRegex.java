package io.detectionhub.sigma.evaluation.acceleration;

import java.util.List;

import com.google.re2j.Pattern;

import io.detectionhub.sigma.evaluation.event.EventValue;
import io.detectionhub.sigma.evaluation.match.Matchers;

/**
 * A regular expression ({@link Matchers.RegexMatch}) that gives RE2/J only the values that can match: long enough
 * for the fewest characters any match has, holding one string of each required clause (what every match contains,
 * lower-cased, see {@link RegexPrefilter}) and the run of one class every match has ({@link ClassRun}, may be null).
 * What RE2/J answered for recent short values is remembered ({@link RegexAnswers}): telemetry repeats values such as
 * service command lines, and RE2/J takes microseconds on each. {@code .{N,}} (the corpus's "unusually long" rules)
 * is answered by a length check with its exact meaning, where RE2 would run an N-state program over the value.
 */
final class PrefilteredRegex {

    /** {@code .{N,}}: some line (or, with {@code s}, the whole value) has at least N characters. */
    private static final Pattern MINIMUM_LENGTH = Pattern.compile("\\.\\{(\\d+),}");

    private final Pattern regex;
    private final int minimumLength;
    private final List<List<String>> requiredClauses;
    private final ClassRun requiredRun;
    private final RegexAnswers answers = new RegexAnswers();
    /** For {@code .{N,}}: N, answered without RE2/J; else -1. */
    private final int lineLength;
    private final boolean dotAll;

    PrefilteredRegex(Matchers.RegexMatch meaning) {
        this.regex = meaning.regex();
        boolean caseInsensitive = (regex.flags() & Pattern.CASE_INSENSITIVE) != 0;
        this.minimumLength = RegexPrefilter.minimumLength(regex.pattern());
        this.requiredClauses = RegexPrefilter.clauses(regex.pattern(), caseInsensitive).stream()
                .map(List::copyOf).toList();
        this.requiredRun = ClassRun.of(regex.pattern(), caseInsensitive);
        com.google.re2j.Matcher minimum = MINIMUM_LENGTH.matcher(meaning.pattern());
        this.lineLength = minimum.matches() && minimum.group(1).length() <= 6 ? Integer.parseInt(minimum.group(1))
                : -1;
        this.dotAll = (regex.flags() & Pattern.DOTALL) != 0;
    }

    /** True when some (non-null) value matches, as {@link Matchers.RegexMatch#match} would find. */
    boolean matchesAny(List<EventValue> values) {
        if (lineLength >= 0) {
            for (EventValue v : values) {
                if (!v.isNull() && longEnough(v.text())) {
                    return true;
                }
            }
            return false;
        }
        for (EventValue v : values) {
            if (!v.isNull() && v.text().length() >= minimumLength && holdsClauses(v)
                    && (requiredRun == null || requiredRun.occursIn(v.text())) && find(v.text())) {
                return true;
            }
        }
        return false;
    }

    private boolean find(String text) {
        Boolean known = answers.answer(text);
        if (known != null) {
            return known;
        }
        boolean found = regex.matcher(text).find();
        answers.remember(text, found);
        return found;
    }

    private boolean holdsClauses(EventValue v) {
        for (List<String> clause : requiredClauses) {
            boolean any = false;
            for (int i = 0, n = clause.size(); i < n && !any; i++) {
                any = v.lower().contains(clause.get(i));
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private boolean longEnough(String text) {
        if (text.length() < lineLength) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            run = cp == '\n' && !dotAll ? 0 : run + 1;
            if (run >= lineLength) {
                return true;
            }
        }
        return false;
    }
}
